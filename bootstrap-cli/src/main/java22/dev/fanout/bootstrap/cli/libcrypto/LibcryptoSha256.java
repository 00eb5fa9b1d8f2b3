package dev.fanout.bootstrap.cli.libcrypto;

import java.lang.foreign.MemorySegment;
import java.security.DigestException;
import java.security.MessageDigestSpi;
import java.security.ProviderException;
import java.util.Arrays;

/**
 * One SHA-256 computation; like every MessageDigest, not thread-safe. Updates are gathered in an array and
 * hashed by one libcrypto call at {@code digest()}: the digests here are of whole bundles and objects, so the
 * gathering is one copy, and the copy is what makes later changes to the caller's array harmless.
 */
final class LibcryptoSha256 extends MessageDigestSpi implements Cloneable {

    private static final int DIGEST_BYTES = 32;
    /** Gathered input kept between digests; a larger array is dropped after the digest. */
    private static final int KEPT_BYTES = 1 << 20;

    private final Libcrypto libcrypto;
    /** Sized by the first update (a whole bundle or object, usually), then grown by doubling. */
    private byte[] input = new byte[0];
    private int size;

    LibcryptoSha256(Libcrypto libcrypto) {
        this.libcrypto = libcrypto;
    }

    @Override
    protected int engineGetDigestLength() {
        return DIGEST_BYTES;
    }

    @Override
    protected void engineUpdate(byte input) {
        ensure(1);
        this.input[size++] = input;
    }

    @Override
    protected void engineUpdate(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, input, size, length);
        size += length;
    }

    @Override
    protected byte[] engineDigest() {
        byte[] digest = new byte[DIGEST_BYTES];
        finishInto(digest, 0);
        return digest;
    }

    @Override
    protected int engineDigest(byte[] buffer, int offset, int length) throws DigestException {
        if (length < DIGEST_BYTES || offset < 0 || offset > buffer.length - DIGEST_BYTES) {
            throw new DigestException("a SHA-256 digest needs 32 bytes, got " + length + " at " + offset);
        }
        finishInto(buffer, offset);
        return DIGEST_BYTES;
    }

    @Override
    protected void engineReset() {
        size = 0;
        if (input.length > KEPT_BYTES) {
            input = new byte[0];
        }
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        LibcryptoSha256 copy = (LibcryptoSha256) super.clone();
        copy.input = Arrays.copyOf(input, input.length);
        return copy;
    }

    private void finishInto(byte[] buffer, int offset) {
        MemorySegment out = MemorySegment.ofArray(buffer).asSlice(offset, DIGEST_BYTES);
        MemorySegment result;
        try {
            result = (MemorySegment) libcrypto.sha256().invokeExact(MemorySegment.ofArray(input).asSlice(0, size),
                    (long) size, out);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new ProviderException("libcrypto call failed", e);
        }
        if (result.equals(MemorySegment.NULL)) {
            throw new ProviderException("SHA256 failed in libcrypto");
        }
        engineReset();
    }

    private void ensure(int more) {
        if (more > Integer.MAX_VALUE - 64 - size) {
            throw new ProviderException("cannot hash more than 2 GiB in one digest");
        }
        if (size + more > input.length) {
            input = Arrays.copyOf(input, (int) Math.min(Integer.MAX_VALUE - 64, Math.max((long) input.length * 2,
                    (long) size + more)));
        }
    }
}
