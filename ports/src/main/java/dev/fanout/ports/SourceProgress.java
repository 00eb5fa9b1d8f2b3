package dev.fanout.ports;

/** How far a source has read: bytes consumed of the total, when the total is known (else -1). */
public record SourceProgress(long bytesRead, long bytesTotal) {

    public SourceProgress {
        if (bytesRead < 0) {
            throw new IllegalArgumentException("bytesRead must not be negative");
        }
    }

    public boolean totalKnown() {
        return bytesTotal >= 0;
    }
}
