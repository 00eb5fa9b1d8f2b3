package dev.fanout.domain.batch;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.WriteOutcome;
import java.time.Instant;
import java.util.List;

/** The {@link DeadLetterSink} port over an {@link UnreliableSink}. */
final class UnreliableDeadLetterSink implements DeadLetterSink {

    private final UnreliableSink<DeadLetter> behaviour;

    UnreliableDeadLetterSink(UnreliableSink<DeadLetter> behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public WriteOutcome<DeadLetter> write(List<DeadLetter> letters, Instant deadline) {
        return behaviour.write(letters, deadline);
    }

    @Override
    public void close() {
    }
}
