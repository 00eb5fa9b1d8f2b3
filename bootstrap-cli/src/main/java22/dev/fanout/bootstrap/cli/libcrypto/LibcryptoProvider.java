package dev.fanout.bootstrap.cli.libcrypto;

import java.security.Provider;
import java.util.List;

/**
 * A JCA provider with a single service, SHA-256, computed by the system's OpenSSL libcrypto. Handed to
 * {@code MessageDigest.getInstance("SHA-256", provider)} (not installed: that would make the JDK load every
 * provider it knows), it hashes the bundle ids of docs/row-event.md §4.1 and the object names, unchanged byte for byte.
 *
 * <p>Compiled for Java 22 (the Foreign Function and Memory API) and loaded only by reflection from
 * {@code NativeSha256}, so the rest of the jar still runs on Java 21.
 */
public final class LibcryptoProvider extends Provider {

    private static final long serialVersionUID = 1L;

    private final transient String library;

    private final transient Libcrypto libcrypto;

    /** Finds libcrypto now, so that a machine without it fails here and keeps the JDK's SHA-256. */
    public LibcryptoProvider() {
        super("FanoutLibcrypto", "1", "SHA-256 from the system's OpenSSL libcrypto");
        this.libcrypto = Libcrypto.load();
        this.library = libcrypto.library;
        putService(new Sha256Service(this, libcrypto));
    }

    /** Binds the SHA-256 function now rather than at the first digest (tens of milliseconds, once). */
    public void bind() {
        libcrypto.bind();
    }

    /** Creates digests directly, without the reflection JCA would otherwise use. */
    private static final class Sha256Service extends Service {
        private final transient Libcrypto libcrypto;

        Sha256Service(Provider provider, Libcrypto libcrypto) {
            super(provider, "MessageDigest", "SHA-256", LibcryptoSha256.class.getName(),
                    List.of("SHA256", "2.16.840.1.101.3.4.2.1", "OID.2.16.840.1.101.3.4.2.1"), null);
            this.libcrypto = libcrypto;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return new LibcryptoSha256(libcrypto);
        }
    }

    /** The library that was bound, e.g. {@code libcrypto.so.3}, for {@code fanout --version}. */
    public String library() {
        return library;
    }
}
