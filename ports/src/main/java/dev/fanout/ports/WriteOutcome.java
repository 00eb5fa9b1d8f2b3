package dev.fanout.ports;

import java.util.List;
import java.util.Objects;

/**
 * What a sink did with a batch: which items it wrote and which it refused, and why. Refusals are data,
 * not exceptions, so a caller can resend exactly the refused items (Firehose partial failures map onto
 * this directly). Every item handed to a sink appears in exactly one of the two lists.
 */
public record WriteOutcome<T>(List<T> written, List<Refusal<T>> refused) {

    /**
     * Reason prefix of a refusal whose item may have been stored anyway (a call that timed out or lost its
     * connection after sending): resending it may duplicate it. Sinks write it, retry policies count it.
     */
    public static final String POSSIBLY_WRITTEN = "ambiguous:";

    /** Reason prefix of a refusal whose item was never sent: too little time was left before the deadline. */
    public static final String NOT_SENT = "deadline:";

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

    /** One refused item: {@code retryable} says whether sending it again may succeed. */
    public record Refusal<T>(T item, String reason, boolean retryable) {
        public Refusal {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(reason, "reason");
        }

        /** Whether the sink may have stored the item although it reports it refused. */
        public boolean possiblyWritten() {
            return reason.startsWith(POSSIBLY_WRITTEN);
        }

        /** Whether the item never left the sink (the deadline was too close). */
        public boolean notSent() {
            return reason.startsWith(NOT_SENT);
        }
    }
}
