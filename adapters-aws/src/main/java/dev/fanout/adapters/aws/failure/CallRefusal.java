package dev.fanout.adapters.aws.failure;

import dev.fanout.ports.WriteOutcome.Refusal;
import java.util.Objects;

/**
 * How a sink refuses every item of a failed call: the kind tells the retry policy what it may do, the reason
 * tells a person what happened.
 */
public record CallRefusal(Refusal.Kind kind, String reason) {

    public CallRefusal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public <T> Refusal<T> of(T item) {
        return new Refusal<>(item, reason, kind);
    }
}
