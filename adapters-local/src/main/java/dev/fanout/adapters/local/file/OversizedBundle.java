package dev.fanout.adapters.local.file;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes of a bundle past the limit, taken in as they are read and not kept: counted, hashed, and only the
 * first {@link BundleEnvelope.TooLarge#KEPT_PREFIX_BYTES} held, so that its dead letter can say what it was
 * (size, bundle id, beginning) without the bundle ever being in memory.
 */
final class OversizedBundle extends OutputStream {

    private final MessageDigest sha256;
    private final byte[] prefix = new byte[BundleEnvelope.TooLarge.KEPT_PREFIX_BYTES];
    private int prefixLength;
    private long size;

    OversizedBundle() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int kept = Math.min(length, prefix.length - prefixLength);
        System.arraycopy(bytes, offset, prefix, prefixLength, kept);
        prefixLength += kept;
        sha256.update(bytes, offset, length);
        size += length;
    }

    /** Takes in the rest of {@code in}, a chunk at a time. */
    void drain(InputStream in) throws IOException {
        in.transferTo(this);
    }

    long size() {
        return size;
    }

    /** The envelope of the bundle taken in; this accumulator is spent afterwards. */
    BundleEnvelope.TooLarge envelope(Provenance source) {
        return new BundleEnvelope.TooLarge(source, size, HexFormat.of().formatHex(sha256.digest()),
                new Payload(Arrays.copyOf(prefix, prefixLength)));
    }
}
