package dev.fanout.bootstrap.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code fanout replay} was told, validated: the configuration record the Dagger component
 * is built from. Nothing below the bootstrap reads arguments, properties or the environment.
 */
record ReplayOptions(List<Path> inputs, Path out, Optional<String> orgId, Optional<String> orgKey,
                     String profile, Limits limits, int threads, int gzipLevel, long bufferBytes,
                     boolean showProgress) {

    /** Spec §1.6 limits plus the row record limit of §2.2. */
    record Limits(long maxBundleBytes, int maxDepth, int maxPoints, int maxStringChars, long maxRowBytes) {
        Limits {
            requirePositive(maxBundleBytes, "--max-bundle-bytes");
            requirePositive(maxDepth, "--max-depth");
            requirePositive(maxPoints, "--max-points");
            requirePositive(maxStringChars, "--max-string-length");
            requirePositive(maxRowBytes, "--record-limit");
        }
    }

    ReplayOptions {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(orgKey, "orgKey");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("name at least one input file or directory");
        }
        orgId.filter(String::isEmpty).ifPresent(empty -> {
            throw new IllegalArgumentException("--org-id must not be empty");
        });
        orgKey.filter(String::isEmpty).ifPresent(empty -> {
            throw new IllegalArgumentException("--org-key must not be empty");
        });
        requirePositive(threads, "--threads");
        if (gzipLevel < 1 || gzipLevel > 9) {
            throw new IllegalArgumentException("--gzip-level must be between 1 and 9, got " + gzipLevel);
        }
        requirePositive(bufferBytes, "--buffer");
    }

    private static void requirePositive(long value, String option) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
    }
}
