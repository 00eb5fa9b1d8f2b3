package dev.fanout.ports.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleReportTest {

    private static final Provenance SOURCE = new Provenance.KafkaRecord("lm.metrics", 3, 1003);

    private static DeadLetter point(RejectionReason reason, int ordinal) {
        String bundleId = "ab".repeat(12);
        return new DeadLetter(reason, SOURCE, Optional.of(bundleId), Optional.of(bundleId + "0000000" + ordinal),
                Payload.utf8("{}"));
    }

    @Test
    void of_countsTheOutcomesDeadLettersByReason_andTakesTheBundleIdFromThem() {
        // given: 5 points, 3 rows, 2 rejected
        BundleOutcome outcome = new BundleOutcome(false, 5, List.of(), 3,
                List.of(point(RejectionReason.POINT_NO_VALUE, 1), point(RejectionReason.POINT_NO_VALUE, 4)));

        // when
        BundleReport report = BundleReport.of(SOURCE, outcome, Optional.empty());

        // then
        assertThat(report).isEqualTo(new BundleReport(SOURCE, Optional.of("ab".repeat(12)), false, 5, 3,
                Map.of(RejectionReason.POINT_NO_VALUE, 2L), Optional.empty()));
        assertThat(report.hasRejections()).isTrue();
    }

    @Test
    void aReport_whoseCountsDoNotAddUp_isRefused() {
        // when / then
        assertThatThrownBy(() -> new BundleReport(SOURCE, Optional.empty(), false, 5, 3, Map.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points 5 != rows 3");
        assertThatThrownBy(() -> new BundleReport(SOURCE, Optional.empty(), true, 0, 0,
                Map.of(RejectionReason.POINT_INVALID, 0L), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one bundle reason");
    }
}
