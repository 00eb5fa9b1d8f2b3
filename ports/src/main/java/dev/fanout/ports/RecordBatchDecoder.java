package dev.fanout.ports;

import java.util.List;
import java.util.Optional;

/**
 * Turns a recorded batch event (the JSON array an EventBridge Pipes Kafka source hands its target) into
 * bundle envelopes with Kafka provenance. The Lambda and the local replay of a recorded event use the
 * same implementation, so both produce the same rows.
 */
public interface RecordBatchDecoder {

    /**
     * The envelopes of the event, in record order; empty when the bytes are not a batch event at all (not
     * a JSON array), so the caller can treat them as a plain bundle. A record that cannot be attributed to
     * a topic, partition and offset becomes a {@link BundleEnvelope.BadEnvelope} with {@code fallback} as
     * its source.
     */
    Optional<List<BundleEnvelope>> decode(Payload event, Provenance fallback);
}
