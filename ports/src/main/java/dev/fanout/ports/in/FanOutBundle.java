package dev.fanout.ports.in;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.RowBatch;
import java.util.List;

/** Use case: fan one bundle out into encoded rows and dead letters (docs/row-event.md §1–§6). Pure: no I/O. */
public interface FanOutBundle {

    BundleOutcome fanOut(BundleEnvelope envelope);

    /**
     * The fan-out of one bundle with its rows added, in order, to {@code rows} instead of returned: the
     * outcome's {@link BundleOutcome#rows()} is empty and {@link BundleOutcome#batchedRows()} counts them. An
     * implementation that encodes rows straight into the batch saves a copy of every row.
     */
    default BundleOutcome fanOut(BundleEnvelope envelope, RowBatch rows) {
        BundleOutcome outcome = fanOut(envelope);
        for (EncodedRow row : outcome.rows()) {
            rows.add(row.rowId(), row.partition(), row.json().bytes(), 0, row.json().size());
        }
        return new BundleOutcome(outcome.bundleDead(), outcome.pointsWalked(), List.of(), outcome.rows().size(),
                outcome.deadLetters());
    }
}
