package dev.fanout.domain.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes compact JSON as UTF-8. Rows, rendered attributes and dead letters are
 * all written through one of these, reused per thread, so that a row costs one copy out of the buffer
 * and no intermediate strings.
 *
 * <p>Strings are escaped the way Python's {@code json.dumps(ensure_ascii=False)} does (only {@code "},
 * {@code \} and control characters), except that a lone UTF-16 surrogate, which has no UTF-8 form, is
 * written as a {@code \}{@code uXXXX} escape so that the output stays valid UTF-8.
 */
public final class JsonBuffer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAN = ascii("\"NaN\"");
    private static final byte[] POSITIVE_INFINITY = ascii("\"Infinity\"");
    private static final byte[] NEGATIVE_INFINITY = ascii("\"-Infinity\"");
    private static final byte[] LONG_MIN = ascii(Long.toString(Long.MIN_VALUE));
    private static final byte[] DIGIT_TENS = new byte[100];
    private static final byte[] DIGIT_ONES = new byte[100];

    /** For each ASCII character: 0 to copy it, else the character after the backslash ('u' for \\u00XX). */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_TENS[i] = (byte) ('0' + i / 10);
            DIGIT_ONES[i] = (byte) ('0' + i % 10);
        }
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    private byte[] buf;
    private int size;

    public JsonBuffer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public int size() {
        return size;
    }

    /** The backing array; valid up to {@link #size()} until the next write. */
    public byte[] array() {
        return buf;
    }

    public void reset() {
        size = 0;
    }

    /**
     * Empties the buffer and, when it has grown past {@code capacity} (one huge bundle or row), gives the
     * memory back, so that a buffer reused per thread does not keep its peak size for the rest of a run.
     */
    public void resetAndShrink(int capacity) {
        size = 0;
        if (buf.length > capacity) {
            buf = new byte[capacity];
        }
    }

    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    public byte[] copy(int from, int to) {
        return Arrays.copyOfRange(buf, from, to);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Moves {@code [from, size)} down to {@code to} and shrinks the buffer accordingly. */
    public void moveTailTo(int from, int to) {
        int length = size - from;
        System.arraycopy(buf, from, buf, to, length);
        size = to + length;
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed > buf.length) {
            if (needed < 0) {
                throw new OutOfMemoryError("JSON buffer larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    public void writeByte(int b) {
        if (size == buf.length) {
            ensure(1);
        }
        buf[size++] = (byte) b;
    }

    public void writeBytes(byte[] bytes) {
        writeBytes(bytes, 0, bytes.length);
    }

    public void writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    /**
     * Where the JSON string whose content starts at {@code from} ends (the index of its closing quote) when its
     * encoded form is its content as it stands: no escape sequence and no control character before the quote,
     * and at most {@code maxBytes} bytes. -1 otherwise, or when no quote follows. For valid UTF-8 input, such
     * content is exactly what {@link #writeString} writes for the decoded text, so it can be copied instead.
     */
    public static int plainStringEnd(byte[] bytes, int from, int maxBytes) {
        int limit = (int) Math.min(bytes.length, (long) from + maxBytes + 1);
        for (int i = from; i < limit; i++) {
            byte b = bytes[i];
            if (b == '"') {
                return i;
            }
            // Bytes of multi-byte UTF-8 sequences are negative and copied as they are.
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                return -1;
            }
        }
        return -1;
    }

    /** Writes {@code bytes[offset, offset+length)}, already JSON string content, between quotes. */
    public void writeQuoted(byte[] bytes, int offset, int length) {
        ensure(length + 2);
        byte[] b = buf;
        b[size] = '"';
        System.arraycopy(bytes, offset, b, size + 1, length);
        size += length + 2;
        b[size - 1] = '"';
    }

    /** Writes a string known to be plain ASCII with nothing to escape (key names, formatted numbers). */
    public void writeAscii(String text) {
        int length = text.length();
        ensure(length);
        byte[] b = buf;
        int s = size;
        for (int i = 0; i < length; i++) {
            b[s++] = (byte) text.charAt(i);
        }
        size = s;
    }

    public void writeBoolean(boolean value) {
        writeAscii(value ? "true" : "false");
    }

    public void writeNull() {
        writeAscii("null");
    }

    /** A JSON string: quoted, escaped, UTF-8. */
    public void writeString(String text) {
        int length = text.length();
        // Room for the common case (plain ASCII); the slow path grows the buffer as it needs.
        ensure(length + 2);
        byte[] b = buf;
        int s = size;
        b[s++] = '"';
        int i = 0;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || ESCAPES[c] != 0) {
                break;
            }
            b[s++] = (byte) c;
        }
        size = s;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80 && ESCAPES[c] == 0) {
                writeByte(c);
            } else {
                i = writeSpecial(c, i, length, text, null);
            }
        }
        writeByte('"');
    }

    /** A JSON string from a slice of a char array (a parser's text buffer), without making a String. */
    public void writeString(char[] chars, int offset, int length) {
        ensure(length + 2);
        byte[] b = buf;
        int s = size;
        b[s++] = '"';
        int end = offset + length;
        int i = offset;
        for (; i < end; i++) {
            char c = chars[i];
            if (c >= 0x80 || ESCAPES[c] != 0) {
                break;
            }
            b[s++] = (byte) c;
        }
        size = s;
        for (; i < end; i++) {
            char c = chars[i];
            if (c < 0x80 && ESCAPES[c] == 0) {
                writeByte(c);
            } else {
                i = writeSpecial(c, i, end, null, chars);
            }
        }
        writeByte('"');
    }

    /** Writes one char that needs escaping or multi-byte UTF-8; returns the index of the last char used. */
    private int writeSpecial(char c, int i, int end, String text, char[] chars) {
        ensure(6);
        if (c < 0x80) {
            byte escape = ESCAPES[c];
            buf[size++] = '\\';
            buf[size++] = escape;
            if (escape == 'u') {
                buf[size++] = '0';
                buf[size++] = '0';
                buf[size++] = HEX[c >> 4];
                buf[size++] = HEX[c & 0xF];
            }
            return i;
        }
        if (c < 0x800) {
            buf[size++] = (byte) (0xC0 | (c >> 6));
            buf[size++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < end) {
            char low = text != null ? text.charAt(i + 1) : chars[i + 1];
            if (Character.isLowSurrogate(low)) {
                int cp = Character.toCodePoint(c, low);
                buf[size++] = (byte) (0xF0 | (cp >> 18));
                buf[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (cp & 0x3F));
                return i + 1;
            }
        }
        if (Character.isSurrogate(c)) {
            buf[size++] = '\\';
            buf[size++] = 'u';
            buf[size++] = HEX[c >> 12];
            buf[size++] = HEX[(c >> 8) & 0xF];
            buf[size++] = HEX[(c >> 4) & 0xF];
            buf[size++] = HEX[c & 0xF];
            return i;
        }
        buf[size++] = (byte) (0xE0 | (c >> 12));
        buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[size++] = (byte) (0x80 | (c & 0x3F));
        return i;
    }

    public void writeLong(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                writeBytes(LONG_MIN);
                return;
            }
            writeByte('-');
            value = -value;
        }
        writeDigits(value);
    }

    /** Writes the 64 bits as an unsigned decimal (uint64/fixed64 fields above 2^63-1 stay exact). */
    public void writeUnsignedLong(long value) {
        if (value >= 0) {
            writeDigits(value);
            return;
        }
        long quotient = (value >>> 1) / 5;
        long remainder = value - quotient * 10;
        writeDigits(quotient);
        writeByte('0' + (int) remainder);
    }

    private void writeDigits(long value) {
        int digits = digitCount(value);
        ensure(digits);
        int pos = size + digits;
        byte[] b = buf;
        // Two digits per division: timestamps have 19 of them and every row writes several.
        while (value >= 100) {
            long next = value / 100;
            int pair = (int) (value - next * 100);
            b[--pos] = DIGIT_ONES[pair];
            b[--pos] = DIGIT_TENS[pair];
            value = next;
        }
        if (value >= 10) {
            b[--pos] = DIGIT_ONES[(int) value];
            b[--pos] = DIGIT_TENS[(int) value];
        } else {
            b[--pos] = (byte) ('0' + value);
        }
        size += digits;
    }

    private static int digitCount(long value) {
        long limit = 10;
        for (int digits = 1; digits < 19; digits++) {
            if (value < limit) {
                return digits;
            }
            limit *= 10;
        }
        return 19;
    }

    /**
     * A double as a JSON number that always shows a decimal point or an exponent and parses back to the same
     * value ({@link Double#toString} is the shortest such form); non-finite values as the strings
     * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     */
    public void writeDouble(double value) {
        if (Double.isNaN(value)) {
            writeBytes(NAN);
        } else if (value == Double.POSITIVE_INFINITY) {
            writeBytes(POSITIVE_INFINITY);
        } else if (value == Double.NEGATIVE_INFINITY) {
            writeBytes(NEGATIVE_INFINITY);
        } else {
            writeAscii(Double.toString(value));
        }
    }

    /** Writes {@code count} bytes of {@code bytes} as lowercase hex digits (no quotes). */
    public void writeHex(byte[] bytes, int count) {
        ensure(count * 2);
        for (int i = 0; i < count; i++) {
            buf[size++] = HEX[(bytes[i] >> 4) & 0xF];
            buf[size++] = HEX[bytes[i] & 0xF];
        }
    }

    /** Writes the low 32 bits as 8 lowercase hex digits, big-endian (no quotes). */
    public void writeHex32(int value) {
        ensure(8);
        for (int shift = 28; shift >= 0; shift -= 4) {
            buf[size++] = HEX[(value >>> shift) & 0xF];
        }
    }
}
