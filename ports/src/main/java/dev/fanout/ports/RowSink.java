package dev.fanout.ports;

import java.time.Instant;
import java.util.List;

/** Where encoded rows go: files in the docs/row-event.md §6 layout, Amazon Data Firehose, memory. */
public interface RowSink extends AutoCloseable {

    /**
     * Writes the rows, giving up on whatever is not written by {@code deadline}. Rows it could not write
     * come back as refusals; an outage or misconfiguration throws {@link PortException}.
     */
    WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline);

    /** An empty batch for {@link #writeBatch}, to be filled on any one thread at a time. */
    default RowBatch newBatch() {
        return new RowBatch.EncodedRows();
    }

    /**
     * Writes a batch from this sink's {@link #newBatch()}, as {@link #write} writes its rows in order, and
     * returns how many of them it did not write (0 when all were).
     *
     * @throws IllegalArgumentException for a batch that did not come from this sink
     */
    default long writeBatch(RowBatch batch, Instant deadline) {
        if (!(batch instanceof RowBatch.EncodedRows list)) {
            throw new IllegalArgumentException("not a batch of this sink: " + batch);
        }
        return list.rows().isEmpty() ? 0 : write(list.rows(), deadline).refused().size();
    }

    /** Makes everything written so far durable and visible (a file sink commits its objects here). */
    @Override
    void close();
}
