package dev.fanout.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.in.BundleOutcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The input limits at their exact edges: a bundle or a row of exactly the limit passes, one byte more is
 * rejected with the spec's reason. Each test fails if its comparison is off by one in either direction.
 */
class LimitBoundaryTest {

    private static final Provenance SOURCE = new Provenance.JsonLine("in.jsonl", 1);
    private static final String BUNDLE = "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"scope\":{\"name\":\"ds\"},\"metrics\":["
            + "{\"name\":\"m\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"1763700055158000000\",\"asInt\":7}]}}]}]}]}";

    private static BundleOutcome fanOut(FanOutSettings.Limits limits, String json) {
        return new BundleFanOut(FanOutSettings.defaults().withOrgId("acme").withLimits(limits))
                .fanOut(new BundleEnvelope.RawBundle(Payload.utf8(json), SOURCE));
    }

    private static FanOutSettings.Limits bundleLimit(long maxBundleBytes) {
        FanOutSettings.Limits defaults = FanOutSettings.Limits.defaults();
        return new FanOutSettings.Limits(maxBundleBytes, defaults.maxDepth(), defaults.maxPoints(),
                defaults.maxStringChars(), defaults.maxRowBytes());
    }

    private static FanOutSettings.Limits rowLimit(int maxRowBytes) {
        FanOutSettings.Limits defaults = FanOutSettings.Limits.defaults();
        return new FanOutSettings.Limits(defaults.maxBundleBytes(), defaults.maxDepth(), defaults.maxPoints(),
                defaults.maxStringChars(), maxRowBytes);
    }

    @Test
    void fanOut_decodesABundleOfExactlyTheByteLimit() {
        // given
        int size = BUNDLE.getBytes(StandardCharsets.UTF_8).length;

        // when
        BundleOutcome outcome = fanOut(bundleLimit(size), BUNDLE);

        // then
        assertThat(outcome.bundleDead()).isFalse();
        assertThat(outcome.rows()).hasSize(1);
        assertThat(outcome.deadLetters()).isEmpty();
    }

    @Test
    void fanOut_rejectsABundleOneByteOverTheByteLimit_asTooLarge() {
        // given
        int size = BUNDLE.getBytes(StandardCharsets.UTF_8).length;

        // when
        BundleOutcome outcome = fanOut(bundleLimit(size - 1), BUNDLE);

        // then
        assertThat(outcome.bundleDead()).isTrue();
        assertThat(outcome.rows()).isEmpty();
        assertThat(outcome.deadLetters()).extracting(DeadLetter::reason).containsExactly(RejectionReason.BUNDLE_TOO_LARGE);
    }

    @Test
    void fanOut_keepsARowOfExactlyTheRowLimit() {
        // given: the row's encoded size, measured without a limit in the way
        int rowBytes = fanOut(FanOutSettings.Limits.defaults(), BUNDLE).rows().getFirst().json().size();

        // when
        BundleOutcome outcome = fanOut(rowLimit(rowBytes), BUNDLE);

        // then
        assertThat(outcome.deadLetters()).isEmpty();
        assertThat(outcome.rows()).singleElement().satisfies(row -> assertThat(row.json().size()).isEqualTo(rowBytes));
    }

    @Test
    void fanOut_rejectsARowOneByteOverTheRowLimit_asRowTooLarge() {
        // given
        int rowBytes = fanOut(FanOutSettings.Limits.defaults(), BUNDLE).rows().getFirst().json().size();

        // when
        BundleOutcome outcome = fanOut(rowLimit(rowBytes - 1), BUNDLE);

        // then
        assertThat(outcome.rows()).isEmpty();
        assertThat(outcome.deadLetters()).extracting(DeadLetter::reason).containsExactly(RejectionReason.ROW_TOO_LARGE);
        assertThat(outcome.pointsWalked()).isEqualTo(outcome.rows().size() + outcome.deadLetters().size());
    }
}
