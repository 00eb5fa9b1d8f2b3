package dev.fanout.domain.otlp;

import dev.fanout.ports.RejectionReason;
import java.util.Objects;

/** What the decoder made of a bundle's bytes: a bundle-level rejection, or a bundle to flatten. */
public sealed interface DecodeResult {

    /** The whole bundle is a dead letter: malformed JSON, invalid shape, too deep, too many points. */
    record Rejected(RejectionReason reason, Failure failure) implements DecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(failure, "failure");
            if (reason.kind() != RejectionReason.Kind.BUNDLE) {
                throw new IllegalArgumentException("a rejected bundle needs a bundle reason, got " + reason);
            }
        }
    }

    /** Every bundle-level check passed; points may still be rejected one by one. */
    record Decoded(OtlpBundle bundle) implements DecodeResult {
        public Decoded {
            Objects.requireNonNull(bundle, "bundle");
        }
    }
}
