package dev.fanout.adapters.aws.pipes;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.domain.testing.FanOutInvariants;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.in.BundleOutcome;
import java.util.List;
import java.util.Optional;

/**
 * The Pipes event decoder on any bytes, and each bundle it yields through the real fan-out: no exception
 * escapes; every record becomes an envelope with Kafka provenance, or the caller's fallback when the record
 * does not say; a record whose value cannot be taken out becomes a {@code bundle.bad_envelope} dead letter;
 * the counts add up and every row and dead letter keeps the spec's promises ({@link FanOutInvariants}).
 *
 * <p>In the normal suite it runs over its inputs in
 * {@code src/test/resources/dev/fanout/adapters/aws/pipes/PipesEventDecoderFuzzTestInputs/}. To fuzz
 * (docs/reliability.md): {@code JAZZER_FUZZ=1 bin/with-jdk ./mvnw -B -ntp -o -pl adapters-aws -am test
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtest=PipesEventDecoderFuzzTest -Djazzer.max_duration=10m}.
 */
class PipesEventDecoderFuzzTest {

    private static final Provenance FALLBACK = new Provenance.WholeFile("events/recorded.json");
    private static final FanOutSettings SETTINGS = FanOutSettings.defaults().withOrgId("acme");
    private static final BundleFanOut FAN_OUT = new BundleFanOut(SETTINGS);
    private static final PipesEventDecoder DECODER = new PipesEventDecoder();

    @FuzzTest(maxDuration = "5m")
    void decode_thenFanOut_keepsTheSpecsPromises_forAnyBytes(byte[] event) {
        Optional<List<BundleEnvelope>> envelopes = DECODER.decode(new Payload(event), FALLBACK);
        // not an event: the caller fans the bytes out as one plain bundle
        List<BundleEnvelope> bundles = envelopes.orElseGet(() ->
                List.of(new BundleEnvelope.RawBundle(new Payload(event), FALLBACK)));
        for (BundleEnvelope envelope : bundles) {
            Provenance source = envelope.source();
            if (!(source instanceof Provenance.KafkaRecord) && !source.equals(FALLBACK)) {
                throw new AssertionError("an envelope with neither Kafka provenance nor the fallback: " + source);
            }
            BundleOutcome outcome = FAN_OUT.fanOut(envelope);
            FanOutInvariants.check(outcome, SETTINGS.limits().maxRowBytes());
            if (envelope instanceof BundleEnvelope.BadEnvelope
                    && outcome.deadLetters().getFirst().reason() != RejectionReason.BUNDLE_BAD_ENVELOPE) {
                throw new AssertionError("a bad envelope became " + outcome.deadLetters().getFirst().reason());
            }
        }
    }
}
