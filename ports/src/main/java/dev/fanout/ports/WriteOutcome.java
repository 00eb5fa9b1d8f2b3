package dev.fanout.ports;

import java.util.List;
import java.util.Objects;

/**
 * What a sink did with a batch: which items it wrote and which it refused, and why. Refusals are data,
 * not exceptions, so a caller can resend exactly the refused items (Firehose partial failures map onto
 * this directly). Every item handed to a sink appears in exactly one of the two lists.
 */
public record WriteOutcome<T>(List<T> written, List<Refusal<T>> refused) {

    public WriteOutcome {
        written = List.copyOf(written);
        refused = List.copyOf(refused);
    }

    public static <T> WriteOutcome<T> allWritten(List<T> items) {
        return new WriteOutcome<>(items, List.of());
    }

    public boolean complete() {
        return refused.isEmpty();
    }

    /**
     * One refused item: its {@link Kind} says what a retry policy may do with it, the reason tells a person
     * what happened.
     */
    public record Refusal<T>(T item, String reason, Kind kind) {

        /**
         * What a refusal means for the item. A type, not a reason prefix, so that sinks and the retry policy
         * cannot drift apart.
         */
        public enum Kind {
            /** Refused for good: resending cannot help (too large for the service, an error code it gives for good). */
            FINAL,
            /** Not stored (throttled, a 5xx, a refused record, no connection): resending may succeed. */
            RETRYABLE,
            /**
             * The call's outcome is unknown: it timed out or lost its connection after sending, so the service
             * may have stored the item. Resending may succeed and may duplicate it; a retry policy counts that.
             */
            POSSIBLY_WRITTEN,
            /** Never left the sink: too little time was left before the deadline for a call. */
            NOT_SENT;

            /** Whether sending the item again may succeed. */
            public boolean retryable() {
                return this != FINAL;
            }
        }

        public Refusal {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(kind, "kind");
        }

        /** A refusal that is {@link Kind#RETRYABLE} or {@link Kind#FINAL}: the service answered, the item is not stored. */
        public Refusal(T item, String reason, boolean retryable) {
            this(item, reason, retryable ? Kind.RETRYABLE : Kind.FINAL);
        }

        /** Whether sending the item again may succeed. */
        public boolean retryable() {
            return kind.retryable();
        }

        /** Whether the sink may have stored the item although it reports it refused. */
        public boolean possiblyWritten() {
            return kind == Kind.POSSIBLY_WRITTEN;
        }

        /** Whether the item never left the sink (the deadline was too close). */
        public boolean notSent() {
            return kind == Kind.NOT_SENT;
        }
    }
}
