package dev.fanout.adapters.local.file;

import java.security.MessageDigest;
import java.util.Optional;

/** Turns the bytes of a {@link LineBuffer} into one gzip member; the same bytes always give the same output. */
interface GzipEngine {

    String LIBDEFLATE = "dev.fanout.adapters.local.file.LibdeflateGzip";

    /**
     * Compresses the bytes of {@code lines}, feeding the same uncompressed bytes to {@code content} as it reads
     * them (the object's name is their hash): the engine reads them anyway, and libdeflate has them in one array.
     */
    byte[] gzip(LineBuffer lines, MessageDigest content);

    /** E.g. "libdeflate level 1", for the run summary. */
    String description();

    /**
     * libdeflate when {@code settings} ask for it and it loads (its binding needs Java 22's FFM API and is
     * compiled separately, so it is looked up by name), else the JDK's zlib.
     */
    static GzipEngine of(GzipSettings settings) {
        if (settings.libdeflate() && Runtime.version().feature() >= 22) {
            try {
                return (GzipEngine) Class.forName(LIBDEFLATE).getDeclaredConstructor(int.class)
                        .newInstance(settings.level());
            } catch (ReflectiveOperationException | LinkageError e) {
                // No libdeflate on this machine (or a Java 21 build without the binding): zlib it is. Object names
                // do not depend on the engine; the command line reports the reason once (libdeflateProblem).
            }
        }
        return new DeterministicGzip(settings.level());
    }

    /** Why libdeflate does not load in this JVM, or empty when it does. */
    static Optional<String> libdeflateProblem() {
        if (Runtime.version().feature() < 22) {
            return Optional.of("it needs Java 22 or later, this is Java " + Runtime.version().feature());
        }
        try {
            Class.forName(LIBDEFLATE).getDeclaredConstructor(int.class).newInstance(1);
            return Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String message = cause.getMessage();
            return Optional.of(message != null ? message : cause.getClass().getSimpleName());
        }
    }

    /** Binds libdeflate now, if it is there, so that neither the sink nor the first object waits for it. */
    static void preload() {
        if (Runtime.version().feature() >= 22) {
            try {
                Class.forName(LIBDEFLATE).getDeclaredMethod("bind").invoke(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                // Then GzipEngine.of falls back to zlib, or the first object binds it.
            }
        }
    }
}
