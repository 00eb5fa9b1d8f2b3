package dev.fanout.ports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WriteOutcomeTest {

    @Test
    void refusal_tellsPossiblyWrittenAndNotSentApart_byTheSharedReasonPrefixes() {
        // given
        var timedOut = new WriteOutcome.Refusal<>("row", WriteOutcome.POSSIBLY_WRITTEN + " call timed out", true);
        var notSent = new WriteOutcome.Refusal<>("row", WriteOutcome.NOT_SENT + " 10 ms left", true);
        var refused = new WriteOutcome.Refusal<>("row", "refused: ServiceUnavailableException", true);

        // then
        assertThat(timedOut.possiblyWritten()).isTrue();
        assertThat(timedOut.notSent()).isFalse();
        assertThat(notSent.notSent()).isTrue();
        assertThat(notSent.possiblyWritten()).isFalse();
        assertThat(refused.possiblyWritten()).isFalse();
        assertThat(refused.notSent()).isFalse();
    }
}
