package dev.fanout.adapters.local.file;

import dev.fanout.ports.PortException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines gathered for one folder since its last flush, each followed by a newline, in chunks from a
 * {@link ChunkPool} (see there for why): a small first chunk, then large ones. Every chunk but the last is full,
 * so the memory a buffer holds ({@link #capacity()}) exceeds its bytes by less than one chunk: the writers
 * account capacity, which is what bounds memory. The lines of a batch, gathered on the thread that encoded them, are copied in by
 * {@link #appendAll} and their chunks handed back at once.
 */
final class LineBuffer {

    final String folder;
    private final ChunkPool pool;
    private final List<ByteBuffer> chunks = new ArrayList<>(8);
    private ByteBuffer current;
    /** Bytes in the chunks before {@link #current}. */
    private long before;
    /** Capacity of all chunks held. */
    private long capacity;

    LineBuffer(String folder, ChunkPool pool) {
        this.folder = folder;
        this.pool = pool;
        this.current = pool.first();
        chunks.add(current);
        capacity = current.capacity();
    }

    /** Bytes buffered, newlines included. */
    long size() {
        return before + current.position();
    }

    /** Memory held: whole chunks. */
    long capacity() {
        return capacity;
    }

    void append(byte[] line) {
        append(line, 0, line.length);
    }

    /** Appends {@code line[offset, offset + length)} and a newline. */
    void append(byte[] line, int offset, int length) {
        requireRoomFor(length + 1L);
        int copied = 0;
        while (copied < length) {
            if (!current.hasRemaining()) {
                nextChunk();
            }
            int n = Math.min(length - copied, current.remaining());
            current.put(line, offset + copied, n);
            copied += n;
        }
        if (!current.hasRemaining()) {
            nextChunk();
        }
        current.put((byte) '\n');
    }

    /**
     * Copies {@code later}'s lines after these and hands its chunks back to the pool: copying keeps every chunk
     * but the last full, where moving the chunks would leave a part-filled one behind at each batch.
     * {@code later} is unusable afterwards.
     */
    void appendAll(LineBuffer later) {
        requireRoomFor(later.size());
        for (ByteBuffer view : later.contents()) {
            while (view.hasRemaining()) {
                if (!current.hasRemaining()) {
                    nextChunk();
                }
                int n = Math.min(view.remaining(), current.remaining());
                current.put(current.position(), view, view.position(), n);
                current.position(current.position() + n);
                view.position(view.position() + n);
            }
        }
        later.release();
    }

    /** Read-only views of the buffered bytes, chunk by chunk, in order; reading them moves nothing here. */
    List<ByteBuffer> contents() {
        List<ByteBuffer> views = new ArrayList<>(chunks.size());
        for (ByteBuffer chunk : chunks) {
            views.add(chunk.asReadOnlyBuffer().flip());
        }
        return views;
    }

    /** Hands the chunks back to the pool; the buffer is unusable afterwards. */
    void release() {
        pool.giveBack(chunks);
        chunks.clear();
        current = null;
        before = 0;
        capacity = 0;
    }

    private void requireRoomFor(long bytes) {
        if (size() + bytes > Integer.MAX_VALUE - 64) {
            throw new PortException("cannot buffer more than 2 GiB for one object in " + folder
                    + "; lower the memory budget");
        }
    }

    private void nextChunk() {
        before += current.position();
        current = pool.later();
        chunks.add(current);
        capacity += current.capacity();
    }
}
