package dev.fanout.adapters.local.file;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Off-heap chunks for the line buffers, handed back after each object is compressed and reused by the
 * next. A replay keeps up to its memory budget of rows buffered until their objects are written; on the
 * heap those bytes would be copied by every young collection they live through (measured: ~130 ms of
 * pauses in a 1.3 s replay, docs/performance.md). Off the heap the collector never sees them, and
 * {@code Deflater} and {@code CRC32} read direct buffers in place.
 *
 * <p>Chunks come in seven sizes, 1 KiB doubling to 64 KiB: a folder's buffer takes the next size each time
 * its last chunk fills, so a folder with a few rows holds a few kilobytes and a large one wastes at most
 * one chunk. Idle chunks are kept per size up to a byte limit, and handed out for their size or a smaller
 * one; the rest are left to the collector.
 */
final class ChunkPool {

    static final int SMALLEST_BYTES = 1 << 10;
    static final int LARGEST_BYTES = 64 << 10;
    private static final int SIZES = Integer.numberOfTrailingZeros(LARGEST_BYTES / SMALLEST_BYTES) + 1;

    private final List<ArrayDeque<ByteBuffer>> free = new ArrayList<>(SIZES);
    private final long maxIdleBytes;
    private long idleBytes;

    /** @param maxIdleBytes the most bytes of idle chunks kept for reuse */
    ChunkPool(long maxIdleBytes) {
        this.maxIdleBytes = Math.max(0, maxIdleBytes);
        for (int i = 0; i < SIZES; i++) {
            free.add(new ArrayDeque<>());
        }
    }

    /** An empty chunk one size up from {@code previous} (the largest stays), or the smallest for null. */
    synchronized ByteBuffer next(ByteBuffer previous) {
        int bytes = previous == null ? SMALLEST_BYTES : Math.min(previous.capacity() * 2, LARGEST_BYTES);
        // An idle chunk of this size, else of a larger one: memory already taken is used before new memory is
        // (flushes hand back mostly the largest chunks, while new buffers start with the smallest), and a
        // larger chunk only means fewer chunks for its buffer.
        for (int size = sizeIndex(bytes); size < SIZES; size++) {
            ByteBuffer chunk = free.get(size).pollLast();
            if (chunk != null) {
                idleBytes -= chunk.capacity();
                return chunk;
            }
        }
        return ByteBuffer.allocateDirect(bytes);
    }

    /** Takes back chunks this pool handed out, emptied, while the idle limit allows. */
    synchronized void giveBack(List<ByteBuffer> chunks) {
        for (ByteBuffer chunk : chunks) {
            if (idleBytes + chunk.capacity() <= maxIdleBytes) {
                free.get(sizeIndex(chunk.capacity())).addLast(chunk.clear());
                idleBytes += chunk.capacity();
            }
        }
    }

    private static int sizeIndex(int bytes) {
        return Integer.numberOfTrailingZeros(bytes / SMALLEST_BYTES);
    }
}
