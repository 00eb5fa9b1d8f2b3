package dev.fanout.domain.batch;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A {@link DeadLetterSink} that resends what the wrapped sink refused, by the {@link RetryPolicy}, until
 * each write's deadline: the same decorator as {@link RetryingRowSink}, for dead letters (S3). Refusals in
 * the outcome are exactly the letters that stayed unwritten; an outage is rethrown as its
 * {@link PortException}. Calls are serialised.
 */
public final class RetryingDeadLetterSink implements DeadLetterSink {

    private final DeadLetterSink sink;
    private final TalliedRetries<DeadLetter> retries;
    private long writes;

    /**
     * @param sink   the sink to resend to; closed with this one
     * @param policy how to resend
     */
    public RetryingDeadLetterSink(DeadLetterSink sink, RetryPolicy policy) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.retries = new TalliedRetries<>(sink::write, Objects.requireNonNull(policy, "policy"));
    }

    @Override
    public synchronized WriteOutcome<DeadLetter> write(List<DeadLetter> letters, Instant deadline) {
        writes++;
        return retries.write(letters, deadline);
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
