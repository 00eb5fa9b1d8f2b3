package dev.fanout.domain.batch;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.WriteOutcome;
import java.time.Instant;
import java.util.List;

/** The {@link RowSink} port over an {@link UnreliableSink}: what the retry policy meets in production. */
final class UnreliableRowSink implements RowSink {

    private final UnreliableSink<EncodedRow> behaviour;

    UnreliableRowSink(UnreliableSink<EncodedRow> behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline) {
        return behaviour.write(rows, deadline);
    }

    @Override
    public void close() {
    }
}
