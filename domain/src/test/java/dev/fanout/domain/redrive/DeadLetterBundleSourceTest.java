package dev.fanout.domain.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fanout.domain.row.BundleId;
import dev.fanout.domain.row.DeadLetterEncoder;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.SourceProgress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dead letters as {@link DeadLetterEncoder} writes them, read back into the bundles they rejected. */
class DeadLetterBundleSourceTest {

    private final DeadLetterEncoder encoder = new DeadLetterEncoder();

    @Test
    void next_yieldsEachBundleDeadLettersPayload_withItsOriginalProvenance_forEveryKindOfSource()
            throws NoSuchAlgorithmException {
        // given
        byte[] bundle = "{\"resourceMetrics\":[]}\n\u00e9".getBytes(StandardCharsets.UTF_8);
        BundleId id = BundleId.of(bundle, MessageDigest.getInstance("SHA-256"));
        List<Provenance> sources = List.of(new Provenance.KafkaRecord("lm.metrics", 3, 9_000_000_000L),
                new Provenance.JsonLine("in/a.jsonl", 17), new Provenance.WholeFile("b.json"));
        List<BundleEnvelope> lines = new ArrayList<>();
        for (Provenance source : sources) {
            lines.add(line(encoder.bundle(RejectionReason.BUNDLE_TOO_LARGE, "$", "too many points", Optional.of(id),
                    source, bundle)));
        }

        // when
        List<BundleEnvelope> redriven = drain(new DeadLetterBundleSource(new Lines(lines)));

        // then
        assertThat(redriven).containsExactly(new BundleEnvelope.RawBundle(new Payload(bundle), sources.get(0)),
                new BundleEnvelope.RawBundle(new Payload(bundle), sources.get(1)),
                new BundleEnvelope.RawBundle(new Payload(bundle), sources.get(2)));
    }

    @Test
    void skipped_countsPointLettersAndBadEnvelopesByReason_andNamesLinesThatAreNoDeadLetters()
            throws NoSuchAlgorithmException {
        // given
        BundleId id = BundleId.of(new byte[] {1}, MessageDigest.getInstance("SHA-256"));
        Provenance source = new Provenance.WholeFile("x.json");
        List<BundleEnvelope> lines = List.of(
                line(encoder.point(RejectionReason.POINT_NO_VALUE, "$.p", "no value", id, source, id.rowId(0))),
                line(encoder.point(RejectionReason.POINT_NO_VALUE, "$.p", "no value", id, source, id.rowId(1))),
                line(encoder.bundle(RejectionReason.BUNDLE_BAD_ENVELOPE, "$", "not base64", Optional.empty(), source,
                        "%%".getBytes(StandardCharsets.UTF_8))),
                new BundleEnvelope.RawBundle(Payload.utf8("not json"), new Provenance.JsonLine("dl.jsonl", 4)));

        // when
        DeadLetterBundleSource redrive = new DeadLetterBundleSource(new Lines(lines));
        List<BundleEnvelope> redriven = drain(redrive);

        // then
        assertThat(redriven).isEmpty();
        assertThat(redrive.skipped()).extracting(SkippedInput::path, s -> s.why().split(":")[0])
                .containsExactly(tuple("bundle.bad_envelope",
                                "1 dead letters not redriven"),
                        tuple("point.no_value", "2 dead letters not redriven"),
                        tuple("dl.jsonl line 4", "not JSON"));
    }

    @Test
    void next_skipsAnOversizedBundlesTruncatedLetter_andRedrivesOneThatKeptTheWholeBundle()
            throws NoSuchAlgorithmException {
        // given: a letter that kept 4 of 10 bytes, and one whose bundle was over a low limit but kept whole
        byte[] bundle = "{\"a\":1234}".getBytes(StandardCharsets.UTF_8);
        BundleId id = BundleId.of(bundle, MessageDigest.getInstance("SHA-256"));
        Provenance source = new Provenance.JsonLine("in/a.jsonl", 2);
        List<BundleEnvelope> lines = List.of(
                line(encoder.tooLarge("bundle larger than limit", id, source, bundle.length, bundle, 4)),
                line(encoder.tooLarge("bundle larger than limit", id, source, bundle.length, bundle, bundle.length)));

        // when
        DeadLetterBundleSource redrive = new DeadLetterBundleSource(new Lines(lines));
        List<BundleEnvelope> redriven = drain(redrive);

        // then
        assertThat(redriven).containsExactly(new BundleEnvelope.RawBundle(new Payload(bundle), source));
        assertThat(redrive.skipped()).extracting(SkippedInput::path, SkippedInput::why)
                .singleElement().satisfies(skipped -> {
                    assertThat(skipped.toList().get(0)).isEqualTo("bundle.too_large");
                    assertThat((String) skipped.toList().get(1)).startsWith("1 dead letters not redriven")
                            .contains("--max-bundle-bytes");
                });
    }

    private static BundleEnvelope line(DeadLetter letter) {
        return new BundleEnvelope.RawBundle(letter.line(), new Provenance.JsonLine("dead-letters.jsonl", 1));
    }

    private static List<BundleEnvelope> drain(BundleSource source) {
        List<BundleEnvelope> all = new ArrayList<>();
        for (Optional<BundleEnvelope> next = source.next(); next.isPresent(); next = source.next()) {
            all.add(next.get());
        }
        return all;
    }

    /** Dead-letter lines as a file source yields them. */
    private static final class Lines implements BundleSource {
        private final Iterator<BundleEnvelope> lines;

        Lines(List<BundleEnvelope> lines) {
            this.lines = lines.iterator();
        }

        @Override
        public Optional<BundleEnvelope> next() {
            return lines.hasNext() ? Optional.of(lines.next()) : Optional.empty();
        }

        @Override
        public SourceProgress progress() {
            return new SourceProgress(0, -1);
        }

        @Override
        public List<SkippedInput> skipped() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
