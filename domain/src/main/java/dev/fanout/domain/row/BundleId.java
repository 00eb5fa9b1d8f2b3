package dev.fanout.domain.row;

import java.security.MessageDigest;
import java.util.Objects;

/** docs/row-event.md §4.1: a bundle's id, the first 24 lowercase hex characters of the SHA-256 of its raw bytes. */
public record BundleId(String hex) {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public BundleId {
        Objects.requireNonNull(hex, "hex");
        if (!isHex24(hex)) {
            throw new IllegalArgumentException("a bundle id has 24 lowercase hex characters, got " + hex);
        }
    }

    // A loop rather than a regular expression: one id per bundle, and the regex engine is a few dozen more
    // methods for the replay's JIT to compile.
    private static boolean isHex24(String hex) {
        if (hex.length() != 24) {
            return false;
        }
        for (int i = 0; i < 24; i++) {
            char c = hex.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Hashes {@code raw} with {@code sha256} (reset before use, so a per-thread instance can be reused). */
    public static BundleId of(byte[] raw, MessageDigest sha256) {
        sha256.reset();
        byte[] digest = sha256.digest(raw);
        char[] out = new char[24];
        for (int i = 0; i < 12; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new BundleId(new String(out));
    }

    /** The row id of the point at {@code ordinal}: the bundle id and the ordinal as 8 hex digits. */
    public String rowId(int ordinal) {
        char[] out = new char[32];
        hex.getChars(0, 24, out, 0);
        for (int i = 0; i < 8; i++) {
            out[24 + i] = HEX[(ordinal >>> (28 - 4 * i)) & 0xF];
        }
        return new String(out);
    }
}
