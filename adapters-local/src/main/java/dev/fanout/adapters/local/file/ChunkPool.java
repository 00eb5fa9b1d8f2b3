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
 * <p>Chunks are cut from slabs of 8 MiB, one allocation each, not allocated one by one: the memory then comes
 * in a few large mappings that the kernel can back with 2 MiB pages (the launcher asks glibc for them with
 * {@code glibc.malloc.hugetlb=1}), instead of many small ones whose every 4 KiB page faults when first
 * written. On a VM with page-table isolation a fault costs microseconds, and a 2 000-bundle replay's chunks
 * took ~12 000 of them (docs/performance.md). A slab is freed only once none of its chunks is reachable, so
 * the pool keeps every chunk handed back: it holds what was in use at the peak, for as long as it lives.
 *
 * <p>Chunks come in seven sizes, 1 KiB doubling to 64 KiB: a folder's buffer takes the next size each time
 * its last chunk fills, so a folder with a few rows holds a few kilobytes and a large one wastes at most
 * one chunk. Idle chunks are kept per size and handed out for their size or a smaller one.
 */
final class ChunkPool {

    static final int SMALLEST_BYTES = 1 << 10;
    static final int LARGEST_BYTES = 64 << 10;
    /**
     * 8 MiB less the 16 bytes malloc puts in front and some slack: glibc then maps exactly 8 MiB, which the
     * kernel (6.7 and later) places on a 2 MiB boundary, so all of it can be huge pages, not just the middle.
     */
    static final int SLAB_BYTES = (8 << 20) - 64;
    private static final int SIZES = Integer.numberOfTrailingZeros(LARGEST_BYTES / SMALLEST_BYTES) + 1;

    private final List<ArrayDeque<ByteBuffer>> free = new ArrayList<>(SIZES);
    /** The slab chunks are being cut from; its position is where the next one starts. */
    private ByteBuffer slab = ByteBuffer.allocateDirect(0);

    ChunkPool() {
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
                return chunk;
            }
        }
        return cut(bytes);
    }

    /** Takes back chunks this pool handed out, emptied, for reuse. */
    synchronized void giveBack(List<ByteBuffer> chunks) {
        for (ByteBuffer chunk : chunks) {
            free.get(sizeIndex(chunk.capacity())).addLast(chunk.clear());
        }
    }

    /** A new chunk cut from the current slab, or from a new slab when this one has less left (under 64 KiB, unused). */
    private ByteBuffer cut(int bytes) {
        if (slab.remaining() < bytes) {
            slab = ByteBuffer.allocateDirect(SLAB_BYTES);
        }
        int at = slab.position();
        slab.position(at + bytes);
        return slab.slice(at, bytes);
    }

    private static int sizeIndex(int bytes) {
        return Integer.numberOfTrailingZeros(bytes / SMALLEST_BYTES);
    }
}
