package dev.fanout.ports.in;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import java.util.List;

/**
 * What one bundle became. For a live bundle, {@code pointsWalked == rows.size() + rejected points}
 * (spec §2.3); a dead bundle has no rows, one bundle dead letter and {@code pointsWalked == 0}.
 */
public record BundleOutcome(boolean bundleDead, long pointsWalked, List<EncodedRow> rows,
                            List<DeadLetter> deadLetters) {

    public BundleOutcome {
        rows = List.copyOf(rows);
        deadLetters = List.copyOf(deadLetters);
        if (bundleDead && (!rows.isEmpty() || deadLetters.size() != 1 || pointsWalked != 0)) {
            throw new IllegalArgumentException("a dead bundle has exactly one dead letter, no rows, no points");
        }
        if (!bundleDead && pointsWalked != rows.size() + deadLetters.size()) {
            throw new IllegalArgumentException("points walked " + pointsWalked + " != rows " + rows.size()
                    + " + rejected " + deadLetters.size());
        }
    }
}
