package dev.fanout.domain.service;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fanout.domain.testing.FanOutInvariants;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.in.BundleOutcome;
import java.util.List;

/**
 * The bundle decoder, through {@link BundleFanOut}, on any bytes: no exception escapes, the counts add up,
 * every row and dead letter keeps the spec's promises ({@link FanOutInvariants}).
 *
 * <p>In the normal suite, {@code @FuzzTest} runs as a regression test over its inputs in
 * {@code src/test/resources/dev/fanout/domain/service/BundleFanOutFuzzTestInputs/} (own seeds, links to the
 * conformance inputs, and every input a fuzz run ever found); {@code ConformanceInvariantsTest} runs the whole
 * conformance corpus under every configuration. To fuzz (docs/reliability.md):
 * {@code JAZZER_FUZZ=1 bin/with-jdk ./mvnw -B -ntp -o -pl domain -am test -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=BundleFanOutFuzzTest -Djazzer.max_duration=10m}.
 */
class BundleFanOutFuzzTest {

    private static final Provenance SOURCE = new Provenance.KafkaRecord("lm.metrics.otlp", 0, 42);

    /**
     * The configurations the fuzzer cycles through (picked by the input's length, so every input keeps its
     * bytes): the default; tight limits, so that every limit is reached; the otel profile keyed by a
     * resource attribute; a row limit near a row's size.
     */
    static final List<FanOutSettings> SETTINGS = List.of(
            FanOutSettings.defaults().withOrgId("acme"),
            FanOutSettings.defaults().withOrgKey("tenant").withLimits(new FanOutSettings.Limits(4096, 8, 20, 64, 700)),
            FanOutSettings.defaults().withProfile(Profile.OTEL).withOrgKey("service.name"),
            FanOutSettings.defaults().withOrgKey("org").withLimits(new FanOutSettings.Limits(1 << 20, 64, 1000, 1000, 420)));

    private static final List<BundleFanOut> FAN_OUTS = SETTINGS.stream().map(BundleFanOut::new).toList();

    @FuzzTest(maxDuration = "5m")
    void fanOut_keepsTheSpecsPromises_forAnyBytes(byte[] bundle) {
        int variant = bundle.length % SETTINGS.size();
        fanOutAndCheck(variant, bundle);
    }

    static void fanOutAndCheck(int variant, byte[] bundle) {
        BundleOutcome outcome = FAN_OUTS.get(variant).fanOut(new BundleEnvelope.RawBundle(new Payload(bundle), SOURCE));
        FanOutInvariants.check(outcome, SETTINGS.get(variant).limits().maxRowBytes());
    }
}
