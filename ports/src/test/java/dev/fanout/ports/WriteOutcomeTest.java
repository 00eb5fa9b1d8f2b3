package dev.fanout.ports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.ports.WriteOutcome.Refusal;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import org.junit.jupiter.api.Test;

class WriteOutcomeTest {

    @Test
    void refusal_tellsPossiblyWrittenAndNotSentApart_byItsKind_whateverItsReasonSays() {
        // given: reasons that would mislead anyone reading their text
        var timedOut = new Refusal<>("row", "not sent: call timed out", Kind.POSSIBLY_WRITTEN);
        var notSent = new Refusal<>("row", "timed out: 10 ms left", Kind.NOT_SENT);
        var refused = new Refusal<>("row", "refused: ServiceUnavailableException", true);

        // then
        assertThat(timedOut.possiblyWritten()).isTrue();
        assertThat(timedOut.notSent()).isFalse();
        assertThat(notSent.notSent()).isTrue();
        assertThat(notSent.possiblyWritten()).isFalse();
        assertThat(refused.possiblyWritten()).isFalse();
        assertThat(refused.notSent()).isFalse();
        assertThat(refused.kind()).isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void refusal_isRetryable_forEveryKindButFinal() {
        // when / then
        assertThat(new Refusal<>("row", "timed out", Kind.POSSIBLY_WRITTEN).retryable()).isTrue();
        assertThat(new Refusal<>("row", "not sent", Kind.NOT_SENT).retryable()).isTrue();
        assertThat(new Refusal<>("row", "throttled", Kind.RETRYABLE).retryable()).isTrue();
        assertThat(new Refusal<>("row", "row.too_large", Kind.FINAL).retryable()).isFalse();
        assertThat(new Refusal<>("row", "row.too_large", false).kind()).isEqualTo(Kind.FINAL);
    }
}
