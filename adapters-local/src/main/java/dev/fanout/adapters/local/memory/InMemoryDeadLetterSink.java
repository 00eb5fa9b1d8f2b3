package dev.fanout.adapters.local.memory;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A dead-letter sink that keeps what it is given, in order, and can be told to refuse some dead letters
 * (retryably or for good, always or only the first few times each is offered) or to fail whole writes
 * as an outage. It passes the same port contract as the real sinks, so it is a trustworthy fake.
 * Thread-safe: one writer thread and any number of reading threads.
 */
public final class InMemoryDeadLetterSink implements DeadLetterSink {

    private final RecordingSink<DeadLetter> sink = new RecordingSink<>();

    @Override
    public WriteOutcome<DeadLetter> write(List<DeadLetter> letters, Instant deadline) {
        return sink.write(letters);
    }

    @Override
    public void close() {
        sink.close();
    }

    /** From now on, refuses every dead letter that matches, each time it is offered; returns this sink. */
    public InMemoryDeadLetterSink refuse(Predicate<? super DeadLetter> which, String reason, boolean retryable) {
        sink.refuse(which, Integer.MAX_VALUE, reason, retryable);
        return this;
    }

    /**
     * From now on, refuses each matching dead letter the first {@code times} times it is offered (offers
     * counted per equal dead letter from the first rule on), then accepts it: a throttle a retry gets past.
     */
    public InMemoryDeadLetterSink refuseTimes(Predicate<? super DeadLetter> which, int times, String reason,
                                       boolean retryable) {
        sink.refuse(which, times, reason, retryable);
        return this;
    }

    /** The next {@code times} calls of {@link #write} throw {@link dev.fanout.ports.PortException}. */
    public InMemoryDeadLetterSink failWrites(int times, String message) {
        sink.failWrites(times, message);
        return this;
    }

    /** Every dead letter written, in the order written. */
    public List<DeadLetter> written() {
        return sink.written();
    }

    /** Every refusal handed back, in order. */
    public List<WriteOutcome.Refusal<DeadLetter>> refused() {
        return sink.refused();
    }

    /** How often {@link #write} was called, failed calls included. */
    public int writeCalls() {
        return sink.writeCalls();
    }

    public boolean isClosed() {
        return sink.isClosed();
    }
}
