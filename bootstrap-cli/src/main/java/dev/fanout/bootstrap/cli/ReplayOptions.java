package dev.fanout.bootstrap.cli;

import dev.fanout.domain.service.FanOutSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code fanout replay} was told that does not depend on where rows go, validated: the
 * configuration record every replay component is built from. Nothing below the bootstrap reads arguments,
 * properties or the environment.
 *
 * @param gzipLevel   compression of local objects (rows and dead letters with {@code --out}, dead letters with
 *                    {@code --firehose … --dead-letters DIR})
 * @param bufferBytes rows kept in memory before local objects are written
 */
record ReplayOptions(List<Path> inputs, FanOutSettings fanOut, int threads, int gzipLevel, long bufferBytes,
                     boolean showProgress) {

    ReplayOptions {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(fanOut, "fanOut");
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
    }
}
