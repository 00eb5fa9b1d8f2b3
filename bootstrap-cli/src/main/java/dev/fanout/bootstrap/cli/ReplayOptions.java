package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.local.file.GzipSettings;
import dev.fanout.domain.service.FanOutSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything {@code fanout replay} was told that does not depend on where rows go, validated: the
 * configuration record every replay component is built from. Nothing below the bootstrap reads arguments,
 * properties or the environment.
 *
 * @param gzipLevel   compression of local objects (rows and dead letters with {@code --out}, dead letters with
 *                    {@code --firehose … --dead-letters DIR})
 * @param bufferBytes rows kept in memory before local objects are written
 * @param nativeLibraries whether local objects may be gzip'd by the system's libdeflate ({@link GzipSettings})
 * @param inputKind   bundle files ({@code replay}) or dead-letter files whose bundles are redriven ({@code redrive})
 */
record ReplayOptions(List<Path> inputs, FanOutSettings fanOut, int threads, int gzipLevel, long bufferBytes,
                     boolean showProgress, boolean nativeLibraries, InputKind inputKind) {

    /** Options of a replay of bundle files. */
    ReplayOptions(List<Path> inputs, FanOutSettings fanOut, int threads, int gzipLevel, long bufferBytes,
                  boolean showProgress, boolean nativeLibraries) {
        this(inputs, fanOut, threads, gzipLevel, bufferBytes, showProgress, nativeLibraries, InputKind.BUNDLES);
    }

    ReplayOptions {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(fanOut, "fanOut");
        Objects.requireNonNull(inputKind, "inputKind");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("name at least one input file or directory");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be positive, got " + threads);
        }
        if (gzipLevel < 1 || gzipLevel > 9) {
            throw new IllegalArgumentException("--gzip-level must be between 1 and 9, got " + gzipLevel);
        }
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("--buffer must be positive, got " + bufferBytes);
        }
        // Buffered rows, the half being compressed and the chunks kept for reuse all live off the heap, whose
        // limit the JVM sets to the heap's (-Xmx): past a third of it, allocation stalls and then fails.
        long roomForBuffers = Runtime.getRuntime().maxMemory() / 3;
        if (bufferBytes > roomForBuffers) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--buffer %,d bytes needs a larger JVM: at most a third of -Xmx (%,d bytes here) is allowed;"
                            + " lower --buffer or raise -Xmx with FANOUT_JAVA_OPTS", bufferBytes, roomForBuffers));
        }
    }

    /** The gzip level and engine of local objects. */
    GzipSettings gzip() {
        return new GzipSettings(gzipLevel, nativeLibraries);
    }
}
