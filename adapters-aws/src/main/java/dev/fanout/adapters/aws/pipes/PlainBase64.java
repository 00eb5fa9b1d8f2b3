package dev.fanout.adapters.aws.pipes;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes a record's {@code value} straight from the event's bytes when it is written plainly: strict standard
 * base64 between its quotes, with no JSON escape. That is what Pipes sends, and it spares the copies a
 * {@code String} costs (the parser's characters, the string, its bytes again for the decoder), which were the
 * larger part of reading an event. Anything else (an escape, a character outside the alphabet, a length that is
 * not a multiple of 4, a value past the bundle limit) is left to the reader's slow path, which reads the value's
 * text and explains what is wrong with it exactly as before: this path only ever accepts what that one accepts,
 * and decodes it with the same decoder.
 */
final class PlainBase64 {

    /** The base64 alphabet, {@code A-Za-z0-9+/}; padding is counted apart. */
    private static final boolean[] ALPHABET = new boolean[256];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ALPHABET[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            ALPHABET[c] = true;
        }
        ALPHABET['+'] = true;
        ALPHABET['/'] = true;
    }

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
        int end = start;
        int length = event.length;
        while (end < length && ALPHABET[event[end] & 0xFF]) {
            end++;
        }
        int padding = 0;
        while (padding < 2 && end < length && event[end] == '=') {
            end++;
            padding++;
        }
        if (end >= length || event[end] != '"') {
            return null;
        }
        int characters = end - start;
        if (characters % 4 != 0 || characters / 4 * 3L - padding > maxBundleBytes) {
            return null;
        }
        ByteBuffer decoded;
        try {
            // The decoder's own array, sized exactly for strict input: no further copy.
            decoded = Base64.getDecoder().decode(ByteBuffer.wrap(event, start, characters));
        } catch (IllegalArgumentException e) {
            return null; // not expected after the checks above; the slow path says what is wrong
        }
        byte[] bytes = decoded.array();
        if (decoded.arrayOffset() != 0 || decoded.remaining() != bytes.length) {
            bytes = Arrays.copyOfRange(bytes, decoded.arrayOffset() + decoded.position(),
                    decoded.arrayOffset() + decoded.limit());
        }
        return new Decoded(start, end, bytes);
    }
}
