package dev.fanout.domain.service;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.WriteOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Row and dead-letter sinks that keep what they are given, in order, and refuse what {@code refuse}
 * picks (as Firehose refuses single records); records which thread wrote and with what deadline.
 */
final class CollectingSink<T> {

    final List<T> written = new ArrayList<>();
    final List<Instant> deadlines = new ArrayList<>();
    final List<Thread> writers = new ArrayList<>();
    private final Predicate<T> refuse;
    boolean closed;

    CollectingSink(Predicate<T> refuse) {
        this.refuse = refuse;
    }

    WriteOutcome<T> write(List<T> items, Instant deadline) {
        deadlines.add(deadline);
        writers.add(Thread.currentThread());
        List<T> accepted = new ArrayList<>();
        List<WriteOutcome.Refusal<T>> refused = new ArrayList<>();
        for (T item : items) {
            if (refuse.test(item)) {
                refused.add(new WriteOutcome.Refusal<>(item, "refused by the test", false));
            } else {
                accepted.add(item);
            }
        }
        written.addAll(accepted);
        return new WriteOutcome<>(accepted, refused);
    }

    static final class Rows implements RowSink {
        final CollectingSink<EncodedRow> sink;

        Rows(Predicate<EncodedRow> refuse) {
            sink = new CollectingSink<>(refuse);
        }

        @Override
        public WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline) {
            return sink.write(rows, deadline);
        }

        @Override
        public void close() {
            sink.closed = true;
        }
    }

    static final class DeadLetters implements DeadLetterSink {
        final CollectingSink<DeadLetter> sink;

        DeadLetters(Predicate<DeadLetter> refuse) {
            sink = new CollectingSink<>(refuse);
        }

        @Override
        public WriteOutcome<DeadLetter> write(List<DeadLetter> letters, Instant deadline) {
            return sink.write(letters, deadline);
        }

        @Override
        public void close() {
            sink.closed = true;
        }
    }
}
