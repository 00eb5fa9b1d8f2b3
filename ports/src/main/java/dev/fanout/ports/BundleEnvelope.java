package dev.fanout.ports;

import java.util.Objects;

/** What a {@link BundleSource} yields: a bundle's raw bytes, or an envelope that held none. */
public sealed interface BundleEnvelope {

    Provenance source();

    /** The raw bytes of one bundle (one Kafka record value, one JSONL line, one JSON file). */
    record RawBundle(Payload payload, Provenance source) implements BundleEnvelope {
        public RawBundle {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * A record whose value could not be taken out of its envelope ({@code bundle.bad_envelope}): absent,
     * not base64, or the record itself unreadable. {@code undecodedValue} keeps whatever text stood in
     * the value's place (empty when there was none) so that nothing is lost.
     */
    record BadEnvelope(Provenance source, String detail, Payload undecodedValue) implements BundleEnvelope {
        public BadEnvelope {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(undecodedValue, "undecodedValue");
        }
    }
}
