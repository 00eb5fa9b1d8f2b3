package dev.fanout.adapters.aws.pipes;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RecordBatchDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes a whole EventBridge Pipes Kafka event (or a recorded one, replayed from a {@code *.json} file)
 * into bundle envelopes with Kafka provenance, in record order (docs/row-event.md §4.3, §7;
 * EventBridge Pipes user guide, Amazon MSK source).
 *
 * <p>Each record's {@code value} is strict standard base64; {@code partition} may be a string or a number,
 * {@code offset} a number or a string; every other key ({@code key}, {@code headers}, {@code timestamp},
 * {@code eventSource}, …) is skipped. A record whose value is absent, null, not a string or not base64
 * becomes a {@link BundleEnvelope.BadEnvelope} with its Kafka provenance; a record without a usable topic,
 * partition and offset (or not an object at all) becomes one with the caller's fallback provenance.
 *
 * <p>Bytes that are not one UTF-8 JSON document whose top-level value is an array give
 * {@link Optional#empty()}: the caller treats them as one plain bundle, as the reference does.
 */
public final class PipesEventDecoder implements RecordBatchDecoder {

    /** The spec's default bundle limit (8 MiB), for callers that give none. */
    public static final long DEFAULT_MAX_BUNDLE_BYTES = 8L << 20;

    private final long maxBundleBytes;

    /** A decoder with {@link #DEFAULT_MAX_BUNDLE_BYTES}. */
    public PipesEventDecoder() {
        this(DEFAULT_MAX_BUNDLE_BYTES);
    }

    /**
     * @param maxBundleBytes the bundle limit: a record whose value decodes to more becomes a
     *                       {@link BundleEnvelope.TooLarge} (size, hash and first bytes), never a decoded array
     */
    public PipesEventDecoder(long maxBundleBytes) {
        if (maxBundleBytes < 1) {
            throw new IllegalArgumentException("the bundle limit must be positive, got " + maxBundleBytes);
        }
        this.maxBundleBytes = maxBundleBytes;
    }

    @Override
    public Optional<List<BundleEnvelope>> decode(Payload event, Provenance fallback) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(fallback, "fallback");
        try (PipesRecordReader reader = PipesRecordReader.open(event, fallback, maxBundleBytes)) {
            List<BundleEnvelope> envelopes = new ArrayList<>();
            for (Optional<BundleEnvelope> next = reader.next(); next.isPresent(); next = reader.next()) {
                envelopes.add(next.get());
            }
            return Optional.of(Collections.unmodifiableList(envelopes));
        } catch (PipesRecordReader.NotAnEvent notAnEvent) {
            return Optional.empty();
        }
    }
}
