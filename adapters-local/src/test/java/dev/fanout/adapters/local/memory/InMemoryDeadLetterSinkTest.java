package dev.fanout.adapters.local.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.contract.DeadLetterSinkContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryDeadLetterSinkTest extends DeadLetterSinkContract {

    @Override
    protected DeadLetterSink newSink() {
        return new InMemoryDeadLetterSink();
    }

    @Override
    protected List<StoredLetter> readBack(DeadLetterSink sink) {
        return stored(((InMemoryDeadLetterSink) sink).written());
    }

    @Test
    void write_keepsLettersInOrder_andRefusesTheOnesItIsToldTo() {
        // given
        List<DeadLetter> letters = letters(0, RejectionReason.values().length);
        InMemoryDeadLetterSink sink = new InMemoryDeadLetterSink()
                .refuse(l -> l.reason() == RejectionReason.ROW_TOO_LARGE, "SlowDown", true);

        // when
        WriteOutcome<DeadLetter> outcome = sink.write(letters, FAR_DEADLINE);

        // then
        List<DeadLetter> expected = letters.stream().filter(l -> l.reason() != RejectionReason.ROW_TOO_LARGE).toList();
        assertThat(outcome.written()).containsExactlyElementsOf(expected);
        assertThat(sink.written()).containsExactlyElementsOf(expected);
        assertThat(outcome.refused()).singleElement()
                .satisfies(r -> assertThat(r.item().reason()).isEqualTo(RejectionReason.ROW_TOO_LARGE));
    }
}
