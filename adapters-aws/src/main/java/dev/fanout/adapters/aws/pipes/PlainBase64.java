package dev.fanout.adapters.aws.pipes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes a record's {@code value} straight from the event's bytes when it is written plainly: strict standard
 * base64 between its quotes, with no JSON escape. That is what Pipes sends, and it spares the copies a
 * {@code String} costs (the parser's characters, the string, its bytes again for the decoder), which were the
 * larger part of reading an event. Anything else (an escape, a character outside the alphabet, a length that is
 * not a multiple of 4, a value past the bundle limit) is left to the reader's slow path, which reads the value's
 * text and explains what is wrong with it exactly as before. This path accepts only what that one accepts: the
 * JDK's basic decoder refuses every character outside the alphabet and any padding but one or two {@code =} at
 * the end, so with the length a multiple of 4 and at most two {@code =}, what it decodes is strict base64, decoded
 * by the same decoder as the slow path.
 */
final class PlainBase64 {

    /** Eight bytes at a time, in memory order (the first byte lowest), to find the closing quote. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    /** A value found plain in the event: its characters at {@code [start, end)} and the bytes they decode to. */
    record Decoded(int start, int end, byte[] bytes) {

        /** The value's characters (ASCII, so their UTF-8 bytes are the event's own). */
        byte[] undecoded(byte[] event) {
            return Arrays.copyOfRange(event, start, end);
        }
    }

    private PlainBase64() {
    }

    /**
     * @param event          the event's bytes
     * @param quote          the index of the value's opening quote
     * @param maxBundleBytes the bundle limit
     * @return the decoded value, or null when it is not plain strict base64 decoding to at most the limit
     */
    static Decoded decode(byte[] event, int quote, long maxBundleBytes) {
        if (quote < 0 || quote >= event.length || event[quote] != '"') {
            return null;
        }
        int start = quote + 1;
        int end = closingQuote(event, start);
        if (end < 0) {
            return null;
        }
        int characters = end - start;
        int padding = 0;
        while (padding < characters && event[end - 1 - padding] == '=') {
            padding++;
        }
        if (characters % 4 != 0 || padding > 2 || characters / 4 * 3L - padding > maxBundleBytes) {
            return null;
        }
        ByteBuffer decoded;
        try {
            // The decoder's own array, sized exactly for strict input: no further copy.
            decoded = Base64.getDecoder().decode(ByteBuffer.wrap(event, start, characters));
        } catch (IllegalArgumentException e) {
            return null; // a character outside the alphabet, or padding inside: the slow path says which
        }
        byte[] bytes = decoded.array();
        if (decoded.arrayOffset() != 0 || decoded.remaining() != bytes.length) {
            bytes = Arrays.copyOfRange(bytes, decoded.arrayOffset() + decoded.position(),
                    decoded.arrayOffset() + decoded.limit());
        }
        return new Decoded(start, end, bytes);
    }

    /**
     * The index of the first quote from {@code from} on, or -1 when a backslash (an escape: the string may go on
     * past an escaped quote) or the end of the event comes first. Words of eight bytes without either are skipped
     * whole: with C1 alone (the {@code java21} runtime's default) a byte at a time costs about five times more.
     */
    private static int closingQuote(byte[] event, int from) {
        int at = from;
        int words = event.length - 7;
        while (at < words) {
            long word = (long) WORDS.get(event, at);
            if (hasByte(word, QUOTES) || hasByte(word, BACKSLASHES)) {
                break;
            }
            at += 8;
        }
        while (at < event.length) {
            byte b = event[at];
            if (b == '"') {
                return at;
            }
            if (b == '\\') {
                return -1;
            }
            at++;
        }
        return -1;
    }

    /** Whether one of the word's bytes equals the byte repeated in {@code pattern} (exact, no false negative). */
    private static boolean hasByte(long word, long pattern) {
        long x = word ^ pattern;
        return ((x - ONES) & ~x & HIGH_BITS) != 0;
    }
}
