package dev.fanout.ports.in;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import java.util.List;

/**
 * What one bundle became. For a live bundle, {@code pointsWalked == rowCount() + rejected points}
 * (docs/row-event.md §2.3); a dead bundle has no rows, one bundle dead letter and {@code pointsWalked == 0}. The rows are
 * either here ({@link #rows()}) or were added to a {@link dev.fanout.ports.RowBatch}, which
 * {@code batchedRows} counts.
 */
public record BundleOutcome(boolean bundleDead, long pointsWalked, List<EncodedRow> rows, long batchedRows,
                            List<DeadLetter> deadLetters) {

    public BundleOutcome {
        rows = List.copyOf(rows);
        deadLetters = List.copyOf(deadLetters);
        if (batchedRows < 0) {
            throw new IllegalArgumentException("batched rows must not be negative, got " + batchedRows);
        }
        if (bundleDead && (rows.size() + batchedRows != 0 || deadLetters.size() != 1 || pointsWalked != 0)) {
            throw new IllegalArgumentException("a dead bundle has exactly one dead letter, no rows, no points");
        }
        if (!bundleDead && pointsWalked != rows.size() + batchedRows + deadLetters.size()) {
            throw new IllegalArgumentException("points walked " + pointsWalked + " != rows " + (rows.size() + batchedRows)
                    + " + rejected " + deadLetters.size());
        }
    }

    /** An outcome with its rows here. */
    public BundleOutcome(boolean bundleDead, long pointsWalked, List<EncodedRow> rows, List<DeadLetter> deadLetters) {
        this(bundleDead, pointsWalked, rows, 0, deadLetters);
    }

    /** Rows this bundle became, wherever they are. */
    public long rowCount() {
        return rows.size() + batchedRows;
    }
}
