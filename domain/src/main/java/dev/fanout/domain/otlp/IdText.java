package dev.fanout.domain.otlp;

import java.util.Arrays;
import java.util.Locale;

/**
 * Trace and span ids (docs/row-event.md §1.4): hex of the right length in any case, or, from non-compliant producers,
 * base64 of the raw bytes, both turned into lowercase hex. The base64 rule is the one Python's
 * {@code base64.b64decode(s, validate=True)} applies: alphabet characters, then only trailing {@code =},
 * accepted when the number of data characters modulo 4 is 0 (any padding), 2 (exactly {@code ==}) or 3
 * (exactly {@code =}). Java's own decoder is laxer about missing padding, so it is not used.
 */
final class IdText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int[] BASE64 = new int[128];

    static {
        Arrays.fill(BASE64, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = i;
        }
    }

    /** The outcome of a conversion: lowercase hex, or one of the two failure details. */
    static final String NOT_HEX_OR_BASE64 = "not hex or base64";
    static final String WRONG_LENGTH = "wrong id length";

    private IdText() {
    }

    /**
     * Lowercase hex of the id in {@code text} (non-empty), or null with {@code error[0]} set to the failure
     * detail.
     */
    static String toHex(String text, int byteCount, String[] error) {
        if (text.length() == 2 * byteCount && isHex(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        byte[] raw = decodeBase64(text);
        if (raw == null) {
            error[0] = NOT_HEX_OR_BASE64;
            return null;
        }
        if (raw.length != byteCount) {
            error[0] = WRONG_LENGTH;
            return null;
        }
        char[] out = new char[byteCount * 2];
        for (int i = 0; i < byteCount; i++) {
            out[2 * i] = HEX[(raw[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[raw[i] & 0xF];
        }
        return new String(out);
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    /** The decoded bytes, or null when Python's validating decoder would refuse the text. */
    static byte[] decodeBase64(String text) {
        int dataChars = 0;
        while (dataChars < text.length() && text.charAt(dataChars) < 128 && BASE64[text.charAt(dataChars)] >= 0) {
            dataChars++;
        }
        int pads = text.length() - dataChars;
        for (int i = dataChars; i < text.length(); i++) {
            if (text.charAt(i) != '=') {
                return null;
            }
        }
        int rest = dataChars % 4;
        boolean valid = rest == 0 || (rest == 2 && pads == 2) || (rest == 3 && pads == 1);
        if (!valid) {
            return null;
        }
        byte[] out = new byte[dataChars / 4 * 3 + (rest == 0 ? 0 : rest - 1)];
        int bits = 0;
        int bitCount = 0;
        int o = 0;
        for (int i = 0; i < dataChars; i++) {
            bits = (bits << 6) | BASE64[text.charAt(i)];
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                out[o++] = (byte) (bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }
        return out;
    }
}
