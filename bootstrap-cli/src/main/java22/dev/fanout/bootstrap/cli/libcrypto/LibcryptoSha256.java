package dev.fanout.bootstrap.cli.libcrypto;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.DigestException;
import java.security.MessageDigestSpi;
import java.security.ProviderException;

/** One SHA-256 computation in a native {@code SHA256_CTX}; like every MessageDigest, not thread-safe. */
final class LibcryptoSha256 extends MessageDigestSpi implements Cloneable {

    private static final int DIGEST_BYTES = 32;

    private final Libcrypto libcrypto;
    /** Freed by the garbage collector with this object (an automatic arena): digests are cheap to drop. */
    private MemorySegment context;

    LibcryptoSha256(Libcrypto libcrypto) {
        this.libcrypto = libcrypto;
        this.context = Arena.ofAuto().allocate(Libcrypto.CONTEXT_BYTES, 16);
        engineReset();
    }

    @Override
    protected int engineGetDigestLength() {
        return DIGEST_BYTES;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int length) {
        if (length == 0) {
            return;
        }
        MemorySegment bytes = MemorySegment.ofArray(input).asSlice(offset, length);
        try {
            check((int) libcrypto.update.invokeExact(context, bytes, (long) length), "SHA256_Update");
        } catch (Throwable e) {
            throw rethrow(e);
        }
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
        try {
            check((int) libcrypto.init.invokeExact(context), "SHA256_Init");
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        LibcryptoSha256 copy = (LibcryptoSha256) super.clone();
        copy.context = Arena.ofAuto().allocate(Libcrypto.CONTEXT_BYTES, 16).copyFrom(context);
        return copy;
    }

    private void finishInto(byte[] buffer, int offset) {
        MemorySegment out = MemorySegment.ofArray(buffer).asSlice(offset, DIGEST_BYTES);
        try {
            check((int) libcrypto.finish.invokeExact(out, context), "SHA256_Final");
        } catch (Throwable e) {
            throw rethrow(e);
        }
        engineReset();
    }

    private static void check(int result, String function) {
        if (result != 1) {
            throw new ProviderException(function + " failed in libcrypto");
        }
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new ProviderException("libcrypto call failed", e);
    }
}
