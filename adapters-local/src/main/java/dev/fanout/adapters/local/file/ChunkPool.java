package dev.fanout.adapters.local.file;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Fixed-size chunks for the line buffers, handed back after each object is compressed and reused by the
 * next, taken from at most {@code directCapBytes} of off-heap memory; past that, from the heap.
 *
 * <p>Why off the heap: a replay keeps up to its memory budget of rows buffered until their objects are
 * written; on the heap those bytes would be copied by every young collection they live through (measured:
 * ~130 ms of pauses in a 1.3 s replay, docs/performance.md). Off the heap the collector never sees them, and
 * {@code Deflater} and {@code CRC32} read direct buffers in place.
 *
 * <p>Why a cap: direct memory is released only when the collector finds its buffer unreachable, and the JVM
 * fails the allocation past {@code -XX:MaxDirectMemorySize}. The pool reserves direct memory in slabs and
 * never more than the cap in total, so {@code --buffer} bounds what a replay holds off the heap whatever the
 * input; should the writers ever need more (the row batches being filled while a flush is compressed), the
 * extra chunks come from the heap and are dropped when handed back.
 *
 * <p>Why two sizes, and no others: a buffer's first chunk is {@link #FIRST_BYTES}, every later one
 * {@link #LATER_BYTES}. Every folder with rows holds a first chunk, so a replay into thousands of partitions
 * holds little for the small ones (1,000 folders, 1 MiB), while a large folder moves to big chunks, which keep
 * the per-chunk work (copies, views, compression calls) small: 1 KiB chunks throughout cost a 2,000-bundle replay
 * ~18 % more CPU. Each size is handed out exactly as asked, so a buffer's capacity, which the writers account, is
 * a function of its bytes alone, never of which chunks happened to be idle: flush points stay deterministic. An
 * idle chunk serves only its own size.
 *
 * <p>Why slabs: chunks are cut from slabs of up to 8 MiB, one allocation each, so the memory comes in a few
 * large mappings the kernel can back with 2 MiB pages (the launcher asks glibc for them with
 * {@code glibc.malloc.hugetlb=1}) instead of many small ones whose every 4 KiB page faults when first written
 * (docs/performance.md).
 */
final class ChunkPool {

    /** A buffer's first chunk. */
    static final int FIRST_BYTES = 1 << 10;
    /** Every later chunk of a buffer. */
    static final int LATER_BYTES = 16 << 10;
    /**
     * 8 MiB less the 16 bytes malloc puts in front and some slack, rounded down to whole chunks: glibc then maps
     * exactly 8 MiB, which the kernel (6.7 and later) places on a 2 MiB boundary, so all of it can be huge pages.
     */
    static final int SLAB_BYTES = ((8 << 20) - 64) / LATER_BYTES * LATER_BYTES;

    private final long directCapBytes;
    private final ArrayDeque<ByteBuffer> freeFirst = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> freeLater = new ArrayDeque<>();
    /** The slab chunks are being cut from; its position is where the next one starts. */
    private ByteBuffer slab = ByteBuffer.allocateDirect(0);
    private long directReserved;
    private long heapChunksHandedOut;

    /** @param directCapBytes most off-heap memory to reserve; 0 keeps every chunk on the heap */
    ChunkPool(long directCapBytes) {
        if (directCapBytes < 0) {
            throw new IllegalArgumentException("direct memory cap must not be negative, got " + directCapBytes);
        }
        this.directCapBytes = directCapBytes;
    }

    /** An empty first chunk for a buffer, {@link #FIRST_BYTES}. */
    ByteBuffer first() {
        return next(FIRST_BYTES);
    }

    /** An empty later chunk for a buffer, {@link #LATER_BYTES}. */
    ByteBuffer later() {
        return next(LATER_BYTES);
    }

    /** An idle chunk of this size, else one cut from direct memory within the cap, else one from the heap. */
    private synchronized ByteBuffer next(int bytes) {
        ByteBuffer chunk = (bytes == FIRST_BYTES ? freeFirst : freeLater).pollLast();
        if (chunk != null) {
            return chunk;
        }
        if (slab.remaining() < bytes) {
            long room = directCapBytes - directReserved;
            if (room < bytes) {
                heapChunksHandedOut++;
                return ByteBuffer.allocate(bytes);
            }
            // What is left of the old slab (less than one chunk) stays unused.
            int size = (int) Math.min(SLAB_BYTES, room / FIRST_BYTES * FIRST_BYTES);
            slab = ByteBuffer.allocateDirect(size);
            directReserved += size;
        }
        int at = slab.position();
        slab.position(at + bytes);
        return slab.slice(at, bytes);
    }

    /** Takes back chunks this pool handed out, for reuse; heap chunks are left to the collector. */
    synchronized void giveBack(List<ByteBuffer> chunks) {
        for (ByteBuffer chunk : chunks) {
            if (chunk.isDirect()) {
                (chunk.capacity() == FIRST_BYTES ? freeFirst : freeLater).addLast(chunk.clear());
            }
        }
    }

    /** Off-heap bytes reserved so far; never more than the cap. */
    synchronized long directBytesReserved() {
        return directReserved;
    }

    /** Chunks that had to come from the heap because the cap was reached. */
    synchronized long heapChunksHandedOut() {
        return heapChunksHandedOut;
    }
}
