package dev.fanout.ports;

import java.time.Instant;
import java.util.List;

/** Where encoded rows go: files in the spec §6 layout, Amazon Data Firehose, memory. */
public interface RowSink extends AutoCloseable {

    /**
     * Writes the rows, giving up on whatever is not written by {@code deadline}. Rows it could not write
     * come back as refusals; an outage or misconfiguration throws {@link PortException}.
     */
    WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline);

    /** Makes everything written so far durable and visible (a file sink commits its objects here). */
    @Override
    void close();
}
