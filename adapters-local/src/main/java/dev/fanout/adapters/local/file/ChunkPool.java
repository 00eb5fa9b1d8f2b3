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
 * <p>Why one size: every chunk is {@link #CHUNK_BYTES}, so any idle chunk serves any request (no size class
 * can starve another of the capped memory) and a buffer's capacity, which the writers account, is a function
 * of its bytes alone, never of which chunks happened to be idle: flush points stay deterministic.
 *
 * <p>Why slabs: chunks are cut from slabs of up to 8 MiB, one allocation each, so the memory comes in a few
 * large mappings the kernel can back with 2 MiB pages (the launcher asks glibc for them with
 * {@code glibc.malloc.hugetlb=1}) instead of many small ones whose every 4 KiB page faults when first written
 * (docs/performance.md).
 */
final class ChunkPool {

    static final int CHUNK_BYTES = 4 << 10;
    /**
     * 8 MiB less the 16 bytes malloc puts in front and some slack, rounded down to whole chunks: glibc then maps
     * exactly 8 MiB, which the kernel (6.7 and later) places on a 2 MiB boundary, so all of it can be huge pages.
     */
    static final int SLAB_BYTES = ((8 << 20) - 64) / CHUNK_BYTES * CHUNK_BYTES;

    private final long directCapBytes;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
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

    /** An empty chunk of {@link #CHUNK_BYTES}: an idle one, else cut from direct memory, else from the heap. */
    synchronized ByteBuffer next() {
        ByteBuffer chunk = free.pollLast();
        if (chunk != null) {
            return chunk;
        }
        if (slab.remaining() < CHUNK_BYTES) {
            long room = (directCapBytes - directReserved) / CHUNK_BYTES * CHUNK_BYTES;
            if (room < CHUNK_BYTES) {
                heapChunksHandedOut++;
                return ByteBuffer.allocate(CHUNK_BYTES);
            }
            int size = (int) Math.min(SLAB_BYTES, room);
            slab = ByteBuffer.allocateDirect(size);
            directReserved += size;
        }
        int at = slab.position();
        slab.position(at + CHUNK_BYTES);
        return slab.slice(at, CHUNK_BYTES);
    }

    /** Takes back chunks this pool handed out, for reuse; heap chunks are left to the collector. */
    synchronized void giveBack(List<ByteBuffer> chunks) {
        for (ByteBuffer chunk : chunks) {
            if (chunk.isDirect()) {
                free.addLast(chunk.clear());
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
