package dev.fanout.ports.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleOutcomeTest {

    private static final DeadLetter LETTER = new DeadLetter(RejectionReason.BUNDLE_INVALID,
            new Provenance.WholeFile("in.json"), Optional.empty(), Optional.empty(), Payload.utf8("{}"));

    @Test
    void rowCount_addsTheRowsHereAndThoseInABatch_andPointsMustAddUp() {
        // when
        BundleOutcome batched = new BundleOutcome(false, 4, List.of(), 3, List.of(LETTER));

        // then
        assertThat(batched.rowCount()).isEqualTo(3);
        assertThatThrownBy(() -> new BundleOutcome(false, 4, List.of(), 2, List.of(LETTER)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points walked 4 != rows 2");
    }

    @Test
    void aDeadBundle_hasNoRows_batchedOrNot() {
        assertThatThrownBy(() -> new BundleOutcome(true, 0, List.of(), 1, List.of(LETTER)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dead bundle");
        assertThatThrownBy(() -> new BundleOutcome(false, 0, List.of(), -1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThat(new BundleOutcome(true, 0, List.of(), List.of(LETTER)).rowCount()).isZero();
    }
}
