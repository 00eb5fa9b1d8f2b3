package dev.fanout.adapters.local.file;

import dev.fanout.ports.PortException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines gathered for one folder since its last flush, each followed by a newline, in off-heap chunks
 * from a {@link ChunkPool} (see there for why). Bytes are copied once, into the chunk, and never moved
 * again: the lines of a batch, gathered in a buffer of their own on the thread that encoded them, join the
 * folder's buffer by handing over their chunks ({@link #appendAll}), so a chunk may be only partly full.
 */
final class LineBuffer {

    final String folder;
    private final ChunkPool pool;
    private final List<ByteBuffer> chunks = new ArrayList<>(8);
    private ByteBuffer current;
    /** Bytes in the chunks before {@link #current}. */
    private long before;

    LineBuffer(String folder, ChunkPool pool) {
        this.folder = folder;
        this.pool = pool;
        this.current = pool.next(null);
        chunks.add(current);
    }

    /** Bytes buffered, newlines included. */
    long size() {
        return before + current.position();
    }

    void append(byte[] line) {
        append(line, 0, line.length);
    }

    /** Appends {@code line[offset, offset + length)} and a newline. */
    void append(byte[] line, int offset, int length) {
        if (size() + length + 1 > Integer.MAX_VALUE - 64) {
            throw new PortException("cannot buffer more than 2 GiB for one object in " + folder
                    + "; lower the memory budget");
        }
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
     * Takes over {@code later}'s lines, after these, moving its chunks rather than their bytes: a chunk that is
     * not full may now sit before others. {@code later} is unusable afterwards.
     */
    void appendAll(LineBuffer later) {
        if (size() + later.size() > Integer.MAX_VALUE - 64) {
            throw new PortException("cannot buffer more than 2 GiB for one object in " + folder
                    + "; lower the memory budget");
        }
        before += current.position() + later.before;
        chunks.addAll(later.chunks);
        current = later.current;
        later.chunks.clear();
        later.current = null;
        later.before = 0;
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
    }

    private void nextChunk() {
        before += current.position();
        current = pool.next(current);
        chunks.add(current);
    }
}
