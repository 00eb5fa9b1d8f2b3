package dev.fanout.adapters.local.file;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into JSONL bundles without decoding them: a line ends at {@code \n}, one
 * {@code \r} before it is not part of the line, and lines that are blank after stripping ASCII
 * whitespace are skipped but counted, so {@link #lineNumber()} is the 1-based number of the line last
 * returned, blank lines included (Python's {@code data.split(b"\n")} and {@code line.strip()}).
 *
 * <p>Reads in large chunks into one buffer that grows only when a single line outgrows it, never beyond the
 * line limit: a longer line is read on to its end through the same buffer, counted and hashed but not kept
 * ({@link #TOO_LONG}, {@link #tooLong()}), so memory stays bounded by the limit whatever the input. Each line
 * returned is a fresh array that the caller owns.
 */
final class LineSplitter {

    static final int DEFAULT_BUFFER_BYTES = 1 << 20;
    /** The largest line limit: a line must fit a Java array. */
    static final int MAX_LINE_BYTES = Integer.MAX_VALUE - 64;
    /** What {@link #nextLine()} returns for a line longer than the limit; {@link #tooLong()} then describes it. */
    static final byte[] TOO_LONG = new byte[0];

    /** Eight bytes of the buffer at a time, for the newline search. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A_0A0A_0A0A_0A0AL;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buffer;
    private OversizedBundle tooLong;
    private int start;
    private int scanned;
    private int limit;
    private boolean endOfInput;
    private long lineNumber;

    /** @param maxLineBytes the longest line returned whole (without its {@code \r}) */
    LineSplitter(InputStream in, int bufferBytes, long maxLineBytes) {
        this.in = in;
        this.maxLineBytes = (int) Math.min(maxLineBytes, MAX_LINE_BYTES);
        this.buffer = new byte[(int) Math.min(bufferBytes, this.maxLineBytes + 2L)];
    }

    /**
     * The next non-blank line, {@link #TOO_LONG} for a line longer than the limit (read to its end), or
     * {@code null} at the end of the input. An {@link IOException} leaves the line being read unreturned: only
     * lines that ended are bundles.
     */
    byte[] nextLine() throws IOException {
        while (true) {
            int newline = indexOfNewline(buffer, scanned, limit);
            if (newline >= 0) {
                int from = start;
                start = newline + 1;
                scanned = start;
                lineNumber++;
                byte[] line = lineOrNull(from, newline);
                if (line != null) {
                    return line;
                }
            } else if (endOfInput) {
                if (start == limit) {
                    return null;
                }
                int from = start;
                start = limit;
                scanned = limit;
                lineNumber++;
                byte[] line = lineOrNull(from, limit);
                if (line != null) {
                    return line;
                }
            } else if (limit - start > maxLineBytes + 1L) {
                // Longer than the limit even if its last byte is the \r before a newline.
                lineNumber++;
                tooLong = skipRestOfLine();
                return TOO_LONG;
            } else {
                scanned = limit;
                fill();
            }
        }
    }

    /** The line last returned as {@link #TOO_LONG}: its size, hash and first bytes. */
    OversizedBundle tooLong() {
        return tooLong;
    }

    /**
     * Takes in the pending start of a line with no newline yet, then reads on to the newline or the end of the
     * input through the buffer; bytes after the newline stay buffered. A {@code \r} is held back until the
     * next byte shows whether it ends the line.
     */
    private OversizedBundle skipRestOfLine() throws IOException {
        OversizedBundle line = new OversizedBundle();
        boolean pendingCr = takeIn(line, start, limit, false);
        start = 0;
        scanned = 0;
        limit = 0;
        while (true) {
            int read = in.read(buffer, 0, buffer.length);
            if (read < 0) {
                endOfInput = true;
                return line;
            }
            int newline = indexOfNewline(buffer, 0, read);
            if (newline >= 0) {
                takeIn(line, 0, newline, pendingCr);
                start = newline + 1;
                scanned = start;
                limit = read;
                return line;
            }
            pendingCr = takeIn(line, 0, read, pendingCr);
        }
    }

    /** Feeds {@code buffer[from, to)} to {@code line}, after a held-back {@code \r}; true when it holds one back. */
    private boolean takeIn(OversizedBundle line, int from, int to, boolean pendingCr) {
        if (pendingCr && to > from) {
            line.write('\r');
        }
        if (to > from && buffer[to - 1] == '\r') {
            line.write(buffer, from, to - 1 - from);
            return true;
        }
        line.write(buffer, from, to - from);
        return pendingCr && to == from;
    }

    long lineNumber() {
        return lineNumber;
    }

    private byte[] lineOrNull(int from, int end) {
        if (end > from && buffer[end - 1] == '\r') {
            end--;
        }
        for (int i = from; i < end; i++) {
            if (!isAsciiWhitespace(buffer[i])) {
                return Arrays.copyOfRange(buffer, from, end);
            }
        }
        return null;
    }

    private static boolean isAsciiWhitespace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /**
     * The first {@code \n} in {@code [from, to)}, or -1. Eight bytes a step (a word with a zero byte where a
     * newline was; the lowest such byte is exact): a byte loop was a tenth of the reading thread's time
     * under C1, the launcher's JIT, which does not vectorise it.
     */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long zeroBytes = (word - ONES) & ~word & HIGH_BITS;
            if (zeroBytes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        if (start > 0) {
            int pending = limit - start;
            System.arraycopy(buffer, start, buffer, 0, pending);
            scanned -= start;
            limit = pending;
            start = 0;
        }
        if (limit == buffer.length) {
            // Room for a line of the limit, its \r and one byte more, which shows it is longer.
            buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxLineBytes + 2L));
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
    }
}
