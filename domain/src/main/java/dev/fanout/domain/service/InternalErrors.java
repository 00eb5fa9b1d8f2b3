package dev.fanout.domain.service;

import dev.fanout.domain.row.BundleId;
import dev.fanout.domain.row.DeadLetterEncoder;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.in.BundleOutcome;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a bundle whose fan-out failed with an unexpected error of the product itself (docs/row-event.md §6.1,
 * {@code bundle.internal_error}): one bundle dead letter that keeps the raw bundle and names the error, so the
 * rest of the batch goes on and a defect never blocks a Kafka partition. Rare by definition, so it takes a
 * fresh encoder and the JDK's SHA-256 rather than sharing a worker's.
 */
final class InternalErrors {

    private InternalErrors() {
    }

    static BundleOutcome outcome(BundleEnvelope envelope, RuntimeException error) {
        String detail = "fan-out failed: " + error.getClass().getName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage());
        DeadLetterEncoder encoder = new DeadLetterEncoder();
        return switch (envelope) {
            case BundleEnvelope.RawBundle raw -> dead(encoder.bundle(RejectionReason.BUNDLE_INTERNAL_ERROR, "$", detail,
                    Optional.of(BundleId.of(raw.payload().bytes(), sha256())), raw.source(), raw.payload().bytes()));
            case BundleEnvelope.BadEnvelope bad -> dead(encoder.bundle(RejectionReason.BUNDLE_INTERNAL_ERROR, "$",
                    detail, Optional.empty(), bad.source(), bad.undecodedValue().bytes()));
            // Only a bounded prefix of an oversized bundle was ever read: that prefix is what the letter keeps.
            case BundleEnvelope.TooLarge tooLarge -> dead(encoder.bundle(RejectionReason.BUNDLE_INTERNAL_ERROR, "$",
                    detail, Optional.of(new BundleId(tooLarge.sha256Hex().substring(0, 24))), tooLarge.source(),
                    tooLarge.prefix().bytes()));
        };
    }

    /** The type of the error, for logs: its message could quote the bundle's data. */
    static String typeOf(RuntimeException error) {
        return error.getClass().getName();
    }

    private static BundleOutcome dead(dev.fanout.ports.DeadLetter letter) {
        return new BundleOutcome(true, 0, List.of(), List.of(letter));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
