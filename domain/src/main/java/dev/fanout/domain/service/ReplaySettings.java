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

    /**
     * A local replay: a week per write, 16 bundles or 1 MiB per chunk, 3 chunks in flight (two workers' and one
     * being read; give one per worker and one more with {@link #withChunksInFlight}). Small chunks keep what the
     * heap holds at any moment small (~1 MiB of bundles and their decoded values), so frequent young collections
     * of a small young generation stay short and the heap reuses the same few MiB instead of filling ~100 MiB of
     * fresh memory once (docs/performance.md, "Launcher and JVM tuning").
     */
    public static ReplaySettings local() {
        return new ReplaySettings(LOCAL_WRITE_BUDGET, 16, 1L << 20, 3);
    }

    /**
     * A replay into a remote sink, each write with {@code writeBudget}: 64 bundles or 4 MiB per chunk, 4 chunks in
     * flight. Each chunk is written in turn, a round trip or more each, so larger chunks mean fewer of them.
     */
    public static ReplaySettings remote(Duration writeBudget) {
        return new ReplaySettings(writeBudget, 64, 4L << 20, 4);
    }

    public ReplaySettings withChunksInFlight(int chunks) {
        return new ReplaySettings(writeBudget, chunkBundles, chunkBytes, chunks);
    }

    public ReplaySettings withChunkBundles(int bundles) {
        return new ReplaySettings(writeBudget, bundles, chunkBytes, chunksInFlight);
    }
}
