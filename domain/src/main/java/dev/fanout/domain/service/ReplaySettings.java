package dev.fanout.domain.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How a replay is paced: each sink write gets {@code writeBudget} from the injected clock as its deadline
 * (far in the future for a local run); bundles are fanned out in chunks of at most {@code chunkBundles}
 * bundles or {@code chunkBytes} input bytes, with at most {@code chunksInFlight} chunks read but not yet
 * written, which bounds the memory whatever the input size.
 */
public record ReplaySettings(Duration writeBudget, int chunkBundles, long chunkBytes, int chunksInFlight) {

    public static final Duration LOCAL_WRITE_BUDGET = Duration.ofDays(7);

    public ReplaySettings {
        Objects.requireNonNull(writeBudget, "writeBudget");
        if (writeBudget.isNegative() || writeBudget.isZero()) {
            throw new IllegalArgumentException("the write budget must be positive, got " + writeBudget);
        }
        if (chunkBundles < 1 || chunkBytes < 1 || chunksInFlight < 1) {
            throw new IllegalArgumentException("chunk sizes and chunks in flight must be positive: " + chunkBundles
                    + ", " + chunkBytes + ", " + chunksInFlight);
        }
    }

    /** A local replay: a week per write, 64 bundles or 4 MiB per chunk, 4 chunks in flight. */
    public static ReplaySettings local() {
        return new ReplaySettings(LOCAL_WRITE_BUDGET, 64, 4L << 20, 4);
    }

    public ReplaySettings withChunksInFlight(int chunks) {
        return new ReplaySettings(writeBudget, chunkBundles, chunkBytes, chunks);
    }

    public ReplaySettings withChunkBundles(int bundles) {
        return new ReplaySettings(writeBudget, bundles, chunkBytes, chunksInFlight);
    }
}
