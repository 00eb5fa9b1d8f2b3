package dev.fanout.domain.redrive;

import dev.fanout.domain.json.JsonTree;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.SourceProgress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bundles of dead letters, for {@code fanout redrive}: wraps a source whose "bundles" are dead-letter lines
 * (docs/row-event.md §6.2, as {@code DeadLetterEncoder} writes them) and yields each bundle dead letter's payload with its
 * original provenance, so the redriven rows are the very rows (same bundle id, row ids and source) the first
 * run would have written had the cause not been there. Does no I/O itself.
 *
 * <p>What cannot be redriven is counted by reason and reported through {@link #skipped()}: a point dead letter
 * keeps no payload (its bundle's other points became rows), a bad envelope's payload is the undecodable text
 * that stood in a record's place, and a line that is no dead letter at all is named with its file and line.
 */
public final class DeadLetterBundleSource implements BundleSource {

    private static final int NAMED_NON_LETTERS = 10;

    private final BundleSource letters;
    private final Map<String, Long> notRedriven = new TreeMap<>();
    private final List<SkippedInput> notLetters = new ArrayList<>();
    private long notLetterCount;

    public DeadLetterBundleSource(BundleSource letters) {
        this.letters = Objects.requireNonNull(letters, "letters");
    }

    @Override
    public Optional<BundleEnvelope> next() {
        for (Optional<BundleEnvelope> next = letters.next(); next.isPresent(); next = letters.next()) {
            Optional<BundleEnvelope> bundle = bundleOf(next.get());
            if (bundle.isPresent()) {
                return bundle;
            }
        }
        return Optional.empty();
    }

    private Optional<BundleEnvelope> bundleOf(BundleEnvelope envelope) {
        if (!(envelope instanceof BundleEnvelope.RawBundle line)) {
            return notALetter(envelope.source(), "not a dead-letter line");
        }
        Object value;
        try {
            value = JsonTree.parse(line.payload().bytes());
        } catch (JsonTree.NotJson e) {
            return notALetter(line.source(), e.getMessage());
        }
        if (!(value instanceof Map<?, ?> letter) || !(letter.get("reason") instanceof String code)) {
            return notALetter(line.source(), "not a dead letter (no reason)");
        }
        RejectionReason reason;
        try {
            reason = RejectionReason.fromCode(code);
        } catch (IllegalArgumentException e) {
            return notALetter(line.source(), "unknown reason " + code);
        }
        if (reason.kind() == RejectionReason.Kind.POINT || reason == RejectionReason.BUNDLE_BAD_ENVELOPE) {
            notRedriven.merge(reason.code(), 1L, Long::sum);
            return Optional.empty();
        }
        Optional<Provenance> source = provenance(letter.get("source"));
        if (source.isEmpty()) {
            return notALetter(line.source(), "its source is none of {topic,partition,offset}, {file,line}, {file}");
        }
        if (Boolean.TRUE.equals(letter.get("payloadTruncated"))) {
            // An oversized bundle's letter keeps only its first bytes: the bundle must come from its input again.
            notRedriven.merge(reason.code(), 1L, Long::sum);
            return Optional.empty();
        }
        Object encoded = letter.get("payloadBase64");
        try {
            byte[] payload = encoded == null ? new byte[0] : Base64.getDecoder().decode((String) encoded);
            return Optional.of(new BundleEnvelope.RawBundle(new Payload(payload), source.get()));
        } catch (IllegalArgumentException | ClassCastException e) {
            return notALetter(line.source(), "payloadBase64 is not base64");
        }
    }

    private static String whyNotRedriven(String reason) {
        if (reason.equals(RejectionReason.BUNDLE_BAD_ENVELOPE.code())) {
            return "a bad envelope keeps the record's undecodable value, not a bundle";
        }
        if (reason.equals(RejectionReason.BUNDLE_TOO_LARGE.code())) {
            return "an oversized bundle's dead letter keeps only its first bytes (payloadTruncated); replay its"
                    + " original input with a higher --max-bundle-bytes";
        }
        return "a point dead letter keeps no payload; its bundle's other points are rows already";
    }

    private Optional<BundleEnvelope> notALetter(Provenance where, String why) {
        notLetterCount++;
        if (notLetters.size() < NAMED_NON_LETTERS) {
            notLetters.add(new SkippedInput(describe(where), why));
        }
        return Optional.empty();
    }

    /** docs/row-event.md §4.3 read back: the provenance a dead letter's {@code source} object names. */
    static Optional<Provenance> provenance(Object value) {
        if (!(value instanceof Map<?, ?> source)) {
            return Optional.empty();
        }
        try {
            if (source.size() == 3 && source.get("topic") instanceof String topic
                    && source.get("partition") instanceof Long partition && source.get("offset") instanceof Long offset) {
                return Optional.of(new Provenance.KafkaRecord(topic, Math.toIntExact(partition), offset));
            }
            if (source.size() == 2 && source.get("file") instanceof String file && source.get("line") instanceof Long line) {
                return Optional.of(new Provenance.JsonLine(file, line));
            }
            if (source.size() == 1 && source.get("file") instanceof String file) {
                return Optional.of(new Provenance.WholeFile(file));
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String describe(Provenance where) {
        return switch (where) {
            case Provenance.JsonLine line -> line.file() + " line " + line.line();
            case Provenance.WholeFile file -> file.file();
            case Provenance.KafkaRecord kafka -> kafka.topic() + "-" + kafka.partition() + "@" + kafka.offset();
        };
    }

    @Override
    public SourceProgress progress() {
        return letters.progress();
    }

    /**
     * The wrapped source's skipped files, then one entry per reason whose dead letters cannot be redriven (with
     * how many), then the first lines that were no dead letters.
     */
    @Override
    public List<SkippedInput> skipped() {
        List<SkippedInput> skipped = new ArrayList<>(letters.skipped());
        notRedriven.forEach((reason, count) -> skipped.add(new SkippedInput(reason, String.format(Locale.ROOT,
                "%,d dead letters not redriven: %s", count, whyNotRedriven(reason)))));
        skipped.addAll(notLetters);
        if (notLetterCount > notLetters.size()) {
            skipped.add(new SkippedInput("…", String.format(Locale.ROOT, "%,d more lines that are no dead letters",
                    notLetterCount - notLetters.size())));
        }
        return skipped;
    }

    @Override
    public void close() {
        letters.close();
    }
}
