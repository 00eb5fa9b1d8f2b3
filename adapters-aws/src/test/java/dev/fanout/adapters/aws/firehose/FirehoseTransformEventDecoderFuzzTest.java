package dev.fanout.adapters.aws.firehose;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.fanout.adapters.aws.firehose.FirehoseTransformEventDecoder.TransformRecord;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.domain.testing.FanOutInvariants;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.in.BundleOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Firehose transformation event reader on any bytes, and each bundle it yields through the real fan-out:
 * nothing escapes but the one documented {@link PortException} for bytes that are not a transformation
 * event; every record carries the provenance {@code firehose/<recordId>}; a record whose data cannot be
 * taken out becomes a {@code bundle.bad_envelope} dead letter; the counts add up and every row and dead
 * letter keeps the spec's promises ({@link FanOutInvariants}).
 *
 * <p>In the normal suite it runs over its inputs in
 * {@code src/test/resources/dev/fanout/adapters/aws/firehose/FirehoseTransformEventDecoderFuzzTestInputs/}.
 * To fuzz (docs/reliability.md): {@code JAZZER_FUZZ=1 bin/with-jdk ./mvnw -B -ntp -o -pl adapters-aws -am test
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtest=FirehoseTransformEventDecoderFuzzTest}.
 */
class FirehoseTransformEventDecoderFuzzTest {

    private static final FanOutSettings SETTINGS = FanOutSettings.defaults().withOrgKey("tenant");
    private static final BundleFanOut FAN_OUT = new BundleFanOut(SETTINGS);

    @FuzzTest(maxDuration = "5m")
    void read_thenFanOut_keepsTheSpecsPromises_forAnyBytes(byte[] event) {
        List<TransformRecord> records = new ArrayList<>();
        try (FirehoseTransformEventDecoder decoder = FirehoseTransformEventDecoder.open(new Payload(event))) {
            for (Optional<TransformRecord> next = decoder.next(); next.isPresent(); next = decoder.next()) {
                records.add(next.get());
            }
        } catch (PortException notAnEvent) {
            if (!notAnEvent.getMessage().contains("is not an Amazon Data Firehose transformation event")) {
                throw notAnEvent;
            }
            return;
        }
        for (TransformRecord record : records) {
            BundleEnvelope envelope = record.envelope();
            Provenance source = envelope.source();
            if (!(source instanceof Provenance.WholeFile file)
                    || !file.file().startsWith(FirehoseTransformEventDecoder.PROVENANCE_PREFIX)) {
                throw new AssertionError("a record whose provenance is not firehose/<recordId>: " + source);
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
