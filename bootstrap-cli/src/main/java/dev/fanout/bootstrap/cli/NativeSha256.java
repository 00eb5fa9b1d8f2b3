package dev.fanout.bootstrap.cli;

import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.security.Security;

/**
 * Puts SHA-256 from the system's OpenSSL libcrypto ahead of the JDK's, when it can: on Java 22+ (the
 * Foreign Function and Memory API) with a libcrypto on the library path. Otherwise, or with
 * {@code -Dfanout.native=off} ({@link CliEnvironment#nativeLibraries()}), the JDK's SHA-256 stays; the
 * digests are the same either way.
 *
 * <p>Why: every bundle is hashed for its id (spec §4.1). The launcher runs the JVM with C1 only (a replay is
 * too short for C2 to pay off), and the JDK's SHA-256 uses the CPU's SHA instructions only once C2 has
 * compiled it; under C1 it was ~15 % of a replay. libcrypto hashes ~10× faster (docs/performance.md).
 */
final class NativeSha256 {

    private static final String PROVIDER = "dev.fanout.bootstrap.cli.libcrypto.LibcryptoProvider";

    /** The outcome of the one installation per process (a JCA provider list is process-wide). */
    private static String status;
    /** The installed libcrypto provider, or null. */
    private static Provider installed;

    private NativeSha256() {
    }

    /**
     * Installs the provider first in line if {@code wanted} and it loads, once per process, and says in one
     * line which SHA-256 is in use; later calls wait for the first and return its outcome.
     */
    static synchronized String install(boolean wanted) {
        if (status == null) {
            status = wanted ? tryInstall() : "SHA-256: the JDK's (-D" + CliEnvironment.NATIVE_PROPERTY + "=off)";
        }
        return status;
    }

    /**
     * Binds libcrypto's SHA-256 function now, if the provider is installed: the binding costs tens of
     * milliseconds, which a start-up thread can spend while the replay's first bundles are still being read,
     * instead of the first digest.
     */
    static void bindEarly() {
        Provider provider;
        synchronized (NativeSha256.class) {
            provider = installed;
        }
        if (provider != null) {
            try {
                provider.getClass().getMethod("bind").invoke(provider);
            } catch (ReflectiveOperationException e) {
                // Then the first digest binds it.
            }
        }
    }

    private static String tryInstall() {
        try {
            Provider provider = load();
            Security.insertProviderAt(provider, 1);
            installed = provider;
            return "SHA-256: " + library(provider) + " (OpenSSL)";
        } catch (UnavailableException e) {
            return "SHA-256: the JDK's (" + e.getMessage() + ")";
        }
    }

    /** The libcrypto provider, not installed; or why there is none here. */
    static Provider load() throws UnavailableException {
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
