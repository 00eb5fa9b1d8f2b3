package dev.fanout.domain.batch;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PortException;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A {@link RowSink} that resends what the wrapped sink refused, by the {@link RetryPolicy}, until each
 * write's deadline. A decorator that adds policy and does no I/O itself: the wrapped sink (Firehose) makes
 * one attempt per call, this class decides what to send again.
 *
 * <p>The outcome of {@link #write} names every row: written, or refused with the reason it stayed unwritten
 * (the deadline came, it cannot be written, or attempts ran out). An outage or misconfiguration of the
 * wrapped sink (a missing stream) is rethrown as the {@link PortException} it was, after the rows written
 * before it were counted: retrying cannot help, and the run should stop with its message.
 *
 * <p>{@link #tally()} keeps the counts over all writes, possible duplicates included. Calls are serialised.
 */
public final class RetryingRowSink implements RowSink {

    private final RowSink sink;
    private final TalliedRetries<EncodedRow> retries;
    private long writes;

    /**
     * @param sink   the sink to resend to; closed with this one
     * @param policy how to resend
     */
    public RetryingRowSink(RowSink sink, RetryPolicy policy) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.retries = new TalliedRetries<>(sink::write, Objects.requireNonNull(policy, "policy"));
    }

    @Override
    public synchronized WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline) {
        writes++;
        return retries.write(rows, deadline);
    }

    /** Calls of {@link #write} so far: {@code tally().attempts() - writes()} is how many resends the policy made. */
    public synchronized long writes() {
        return writes;
    }

    /** What all writes so far achieved. */
    public synchronized WriteTally tally() {
        return retries.tally();
    }

    @Override
    public void close() {
        sink.close();
    }
}
