package dev.fanout.adapters.local.memory;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.WriteOutcome;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A row sink that keeps what it is given, in order, and can be told to refuse some rows
 * (retryably or for good, always or only the first few times each is offered) or to fail whole writes
 * as an outage. It passes the same port contract as the real sinks, so it is a trustworthy fake.
 * Thread-safe: one writer thread and any number of reading threads.
 */
public final class InMemoryRowSink implements RowSink {

    private final RecordingSink<EncodedRow> sink = new RecordingSink<>();

    @Override
    public WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline) {
        return sink.write(rows);
    }

    @Override
    public void close() {
        sink.close();
    }

    /** From now on, refuses every row that matches, each time it is offered; returns this sink. */
    public InMemoryRowSink refuse(Predicate<? super EncodedRow> which, String reason, boolean retryable) {
        sink.refuse(which, Integer.MAX_VALUE, reason, retryable);
        return this;
    }

    /**
     * From now on, refuses each matching row the first {@code times} times it is offered (offers
     * counted per equal row from the first rule on), then accepts it: a throttle a retry gets past.
     */
    public InMemoryRowSink refuseTimes(Predicate<? super EncodedRow> which, int times, String reason,
                                       boolean retryable) {
        sink.refuse(which, times, reason, retryable);
        return this;
    }

    /** The next {@code times} calls of {@link #write} throw {@link dev.fanout.ports.PortException}. */
    public InMemoryRowSink failWrites(int times, String message) {
        sink.failWrites(times, message);
        return this;
    }

    /** Every row written, in the order written. */
    public List<EncodedRow> written() {
        return sink.written();
    }

    /** Every refusal handed back, in order. */
    public List<WriteOutcome.Refusal<EncodedRow>> refused() {
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
