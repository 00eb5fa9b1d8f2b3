package dev.fanout.domain.batch;

import static dev.fanout.domain.batch.Rows.deadLetters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryingDeadLetterSinkTest {

    private static final Instant START = Instant.parse("2025-11-21T03:00:00Z");

    private final FakeTime time = new FakeTime(START);
    private final RetryPolicy policy = RetryPolicy.untilDeadline(new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)),
            time, time, new SplittableRandom(3));

    @Test
    void write_resendsRefusedLetters_untilEveryLetterIsWrittenOnce() {
        // given
        UnreliableSink<DeadLetter> unreliable = new UnreliableSink<>(new SplittableRandom(8), 0.3, 0, 0.2, time,
                Duration.ofMillis(10));
        RetryingDeadLetterSink sink = new RetryingDeadLetterSink(new UnreliableDeadLetterSink(unreliable), policy);
        List<DeadLetter> letters = deadLetters(60);

        // when
        WriteOutcome<DeadLetter> outcome = sink.write(letters, START.plusSeconds(30));

        // then
        assertThat(outcome.written()).containsExactlyInAnyOrderElementsOf(letters);
        assertThat(letters).allSatisfy(letter -> assertThat(unreliable.timesStored(letter)).isEqualTo(1));
        assertThat(sink.tally().written()).isEqualTo(60);
    }

    @Test
    void write_refusesWhatIsStillUnwrittenAtTheDeadline() {
        // given
        UnreliableSink<DeadLetter> unreliable = new UnreliableSink<>(new SplittableRandom(8), 1.0, 0, 0, time,
                Duration.ofMillis(10));
        RetryingDeadLetterSink sink = new RetryingDeadLetterSink(new UnreliableDeadLetterSink(unreliable), policy);
        List<DeadLetter> letters = deadLetters(4);

        // when
        WriteOutcome<DeadLetter> outcome = sink.write(letters, START.plusSeconds(1));

        // then
        assertThat(outcome.refused()).extracting(Refusal::item).containsExactlyElementsOf(letters);
        assertThat(sink.tally().unwritten()).isEqualTo(4);
    }

    @Test
    void write_rethrowsTheOutage() {
        // given
        UnreliableSink<DeadLetter> unreliable = UnreliableSink.<DeadLetter>reliable(time).failingAfter(0);
        RetryingDeadLetterSink sink = new RetryingDeadLetterSink(new UnreliableDeadLetterSink(unreliable), policy);

        // when / then
        assertThatThrownBy(() -> sink.write(deadLetters(2), START.plusSeconds(1))).isInstanceOf(PortException.class);
        assertThat(sink.tally().unwritten()).isEqualTo(2);
    }
}
