package dev.fanout.bootstrap.cli;

import java.lang.reflect.InvocationTargetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.function.Supplier;

/**
 * SHA-256 from the system's OpenSSL libcrypto, when it loads: on Java 22+ (the Foreign Function and Memory
 * API) with a libcrypto on the library path. Otherwise, or with {@code -Dfanout.native=off}
 * ({@link CliEnvironment#nativeLibraries()}), the JDK's; the digests are the same either way.
 *
 * <p>Why: every bundle is hashed for its id (docs/row-event.md §4.1). The launcher runs the JVM with C1 only (a replay is
 * too short for C2 to pay off), and the JDK's SHA-256 uses the CPU's SHA instructions only once C2 has
 * compiled it; under C1 it was ~15 % of a replay. libcrypto hashes ~10× faster (docs/performance.md).
 *
 * <p>The provider is handed to those who hash ({@link #digests}), not installed in the JCA provider list:
 * installing one makes the JDK load every configured provider first, ~25 ms of CPU at each start.
 */
final class NativeSha256 {

    private static final String PROVIDER = "dev.fanout.bootstrap.cli.libcrypto.LibcryptoProvider";

    /** The outcome of the one load per process. */
    private static String status;
    /** The loaded libcrypto provider, or null. */
    private static Provider loaded;

    private NativeSha256() {
    }

    /**
     * Loads the provider if {@code wanted} and it loads, once per process, and says in one line which SHA-256
     * is in use; later calls wait for the first and return its outcome.
     */
    static synchronized String load(boolean wanted) {
        if (status == null) {
            status = wanted ? tryLoad() : "SHA-256: the JDK's (-D" + CliEnvironment.NATIVE_PROPERTY + "=off)";
        }
        return status;
    }

    /**
     * New SHA-256 digests: libcrypto's if {@code wanted} and it loads, else the JDK's. The first digest waits
     * for the load, which main() starts early on a thread of its own.
     */
    static Supplier<MessageDigest> digests(boolean wanted) {
        return () -> {
            load(wanted);
            return newDigest(loadedProvider());
        };
    }

    /**
     * Binds libcrypto's SHA-256 function now, if the provider is loaded: the binding costs tens of
     * milliseconds, which a start-up thread can spend while the replay's first bundles are still being read,
     * instead of the first digest.
     */
    static void bindEarly() {
        Provider provider = loadedProvider();
        if (provider != null) {
            try {
                provider.getClass().getMethod("bind").invoke(provider);
            } catch (ReflectiveOperationException e) {
                // Then the first digest binds it.
            }
        }
    }

    private static synchronized Provider loadedProvider() {
        return loaded;
    }

    private static MessageDigest newDigest(Provider provider) {
        try {
            return provider != null ? MessageDigest.getInstance("SHA-256", provider)
                    : MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256, and the libcrypto provider offers it", e);
        }
    }

    private static String tryLoad() {
        try {
            Provider provider = provider();
            loaded = provider;
            return "SHA-256: " + library(provider) + " (OpenSSL)";
        } catch (UnavailableException e) {
            return "SHA-256: the JDK's (" + e.getMessage() + ")";
        }
    }

    /** A new libcrypto provider; or why there is none here. */
    static Provider provider() throws UnavailableException {
        if (Runtime.version().feature() < 22) {
            throw new UnavailableException("libcrypto needs Java 22+, this is " + Runtime.version().feature());
        }
        try {
            return (Provider) Class.forName(PROVIDER).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new UnavailableException(e.getCause().getMessage());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnavailableException("no libcrypto provider in this build: " + e);
        }
    }

    private static String library(Provider provider) {
        try {
            return String.valueOf(provider.getClass().getMethod("library").invoke(provider));
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }

    /** Why the libcrypto SHA-256 cannot be used here. */
    static final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message);
        }
    }
}
