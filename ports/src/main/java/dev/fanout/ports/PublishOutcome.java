package dev.fanout.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link BundlePublisher} achieved: records handed to the client, records the broker acknowledged, and
 * why the first refused one was refused.
 */
public record PublishOutcome(long sent, long acknowledged, Optional<String> firstRefusal) {

    public PublishOutcome {
        Objects.requireNonNull(firstRefusal, "firstRefusal");
        if (sent < 0 || acknowledged < 0 || acknowledged > sent) {
            throw new IllegalArgumentException("0 <= acknowledged <= sent, got " + acknowledged + " of " + sent);
        }
    }

    public boolean complete() {
        return acknowledged == sent;
    }
}
