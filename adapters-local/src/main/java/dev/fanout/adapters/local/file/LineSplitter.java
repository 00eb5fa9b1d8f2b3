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
 * <p>Reads in large chunks into one buffer that grows only when a single line outgrows it; each line
 * returned is a fresh array that the caller owns.
 */
final class LineSplitter {

    static final int DEFAULT_BUFFER_BYTES = 1 << 20;
    /** A line longer than this cannot be one bundle in a Java array; the file is refused instead. */
    static final int MAX_LINE_BYTES = Integer.MAX_VALUE - 64;

    /** Eight bytes of the buffer at a time, for the newline search. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A_0A0A_0A0A_0A0AL;
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private final InputStream in;
    private byte[] buffer;
    private int start;
    private int scanned;
    private int limit;
    private boolean endOfInput;
    private long lineNumber;

    LineSplitter(InputStream in, int bufferBytes) {
        this.in = in;
        this.buffer = new byte[bufferBytes];
    }

    /** The next non-blank line, or {@code null} at the end of the input. */
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
            } else {
                scanned = limit;
                fill();
            }
        }
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
            if (buffer.length >= MAX_LINE_BYTES) {
                throw new IOException("line " + (lineNumber + 1) + " is longer than " + MAX_LINE_BYTES + " bytes");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, MAX_LINE_BYTES));
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
        } else {
            limit += read;
        }
    }
}
