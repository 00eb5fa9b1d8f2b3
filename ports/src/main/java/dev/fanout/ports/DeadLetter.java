package dev.fanout.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * One rejected bundle or data point, already encoded as its docs/row-event.md §6.2 JSON line ({@code line}, without the
 * newline). The other fields repeat what a sink needs to place and name the object without parsing the
 * line: the reason for the {@code reason=} folder, bundle id and source for deterministic keys.
 */
public record DeadLetter(RejectionReason reason, Provenance source, Optional<String> bundleId,
                         Optional<String> rowId, Payload line) {

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(rowId, "rowId");
        Objects.requireNonNull(line, "line");
        if (reason.kind() == RejectionReason.Kind.POINT && rowId.isEmpty()) {
            throw new IllegalArgumentException("a rejected point needs its row id");
        }
    }
}
