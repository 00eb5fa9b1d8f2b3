package dev.fanout.ports;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Raw bytes as a value: two payloads are equal when their bytes are equal (a record would compare
 * arrays by identity).
 *
 * <p>The array is shared, not copied: payloads carry every bundle and every row through the hot path,
 * and a copy per hop would double the memory traffic. Whoever builds a payload hands the array over
 * and never mutates it again; whoever reads {@link #bytes()} only reads.
 */
public record Payload(byte[] bytes) {

    private static final Payload EMPTY = new Payload(new byte[0]);

    public Payload {
        Objects.requireNonNull(bytes, "bytes");
    }

    public static Payload empty() {
        return EMPTY;
    }

    public static Payload utf8(String text) {
        return new Payload(text.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public String asUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payload that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Payload[" + bytes.length + " bytes]";
    }
}
