package dev.fanout.adapters.aws.pipes;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.OutgoingRecord;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RecordBatchDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes a recorded EventBridge Pipes event exactly as {@link PipesEventDecoder} does (the same envelopes, so
 * the same bundle bytes), and keeps each record's {@code key} and {@code headers} beside its envelope, so that
 * {@code fanout publish} puts the record back on a topic as it was. Not thread-safe: one reader.
 */
public final class PipesEventRecords implements RecordBatchDecoder {

    /**
     * No bundle limit: a record is republished byte for byte whatever its size (the broker's own limit decides),
     * so its value is never cut down to the prefix an oversized bundle's dead letter keeps.
     */
    private static final long WHOLE_VALUES = Long.MAX_VALUE;

    private final Map<BundleEnvelope, OutgoingRecord> records = Collections.synchronizedMap(new IdentityHashMap<>());

    @Override
    public Optional<List<BundleEnvelope>> decode(Payload event, Provenance fallback) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(fallback, "fallback");
        try (PipesRecordReader reader = PipesRecordReader.open(event, fallback, WHOLE_VALUES, true)) {
            List<BundleEnvelope> envelopes = new ArrayList<>();
            for (Optional<BundleEnvelope> next = reader.next(); next.isPresent(); next = reader.next()) {
                envelopes.add(next.get());
                if (next.get() instanceof BundleEnvelope.RawBundle raw) {
                    records.put(raw, new OutgoingRecord(raw.payload(), reader.lastKey(), reader.lastHeaders(),
                            raw.source()));
                }
            }
            return Optional.of(Collections.unmodifiableList(envelopes));
        } catch (PipesRecordReader.NotAnEvent notAnEvent) {
            return Optional.empty();
        }
    }

    /**
     * The record a bundle is published as: with the key and headers its Pipes record had (once: it is then
     * forgotten), or, for a bundle that came from no Pipes event, none.
     */
    public OutgoingRecord outgoing(BundleEnvelope.RawBundle bundle) {
        OutgoingRecord record = records.remove(bundle);
        return record != null ? record : OutgoingRecord.of(bundle.payload(), bundle.source());
    }
}
