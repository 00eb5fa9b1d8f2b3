package dev.fanout.domain.row;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * docs/row-event.md §4.2: the path segment for an org id or a metric name. A safe value is its own segment; anything
 * else is percent-encoded (every UTF-8 byte outside {@code A-Za-z0-9_-}, upper-case hex) and, past 100
 * characters, cut to 80 characters plus {@code ~} plus 16 hex characters of the value's SHA-256.
 */
public final class PartitionSegments {

    private static final int MAX = 100;
    private static final int KEEP = 80;
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();

    private PartitionSegments() {
    }

    public static String segment(String value) {
        if (isSafe(value)) {
            return value;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(utf8.length * 3);
        for (byte b : utf8) {
            int u = b & 0xFF;
            if (isAlphanumeric(u) || u == '-' || u == '_') {
                sb.append((char) u);
            } else {
                sb.append('%').append(HEX_UPPER[u >> 4]).append(HEX_UPPER[u & 0xF]);
            }
        }
        if (sb.length() <= MAX) {
            return sb.toString();
        }
        byte[] digest = sha256(utf8);
        sb.setLength(KEEP);
        sb.append('~');
        for (int i = 0; i < 8; i++) {
            sb.append(HEX_LOWER[(digest[i] >> 4) & 0xF]).append(HEX_LOWER[digest[i] & 0xF]);
        }
        return sb.toString();
    }

    /** {@code [A-Za-z0-9._-]{1,100}} and neither {@code .} nor {@code ..}. */
    static boolean isSafe(String value) {
        int n = value.length();
        if (n == 0 || n > MAX || value.equals(".") || value.equals("..")) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!(c < 128 && (isAlphanumeric(c) || c == '.' || c == '_' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
