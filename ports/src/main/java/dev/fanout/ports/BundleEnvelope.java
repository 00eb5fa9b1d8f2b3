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
     * A bundle larger than the bundle limit, which the source did not hold in memory: it read the bundle to its
     * end only to count and hash it, keeping the first bytes ({@code bundle.too_large}, docs/row-event.md §6.3).
     *
     * @param size      the bundle's size in bytes
     * @param sha256Hex the SHA-256 of all its bytes, 64 lowercase hex characters (its bundle id is the first 24)
     * @param prefix    its first bytes, at most {@link #KEPT_PREFIX_BYTES}
     */
    record TooLarge(Provenance source, long size, String sha256Hex, Payload prefix) implements BundleEnvelope {

        /** How many of its first bytes an oversized bundle's dead letter keeps. */
        public static final int KEPT_PREFIX_BYTES = 64 << 10;

        public TooLarge {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(sha256Hex, "sha256Hex");
            Objects.requireNonNull(prefix, "prefix");
            if (!sha256Hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a SHA-256 has 64 lowercase hex characters, got " + sha256Hex);
            }
            if (prefix.size() > KEPT_PREFIX_BYTES || prefix.size() > size) {
                throw new IllegalArgumentException("the prefix of " + prefix.size() + " bytes is longer than "
                        + Math.min(size, KEPT_PREFIX_BYTES) + " bytes");
            }
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
