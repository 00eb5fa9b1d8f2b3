package dev.fanout.bootstrap.cli;

import java.nio.file.Path;
import java.util.Objects;

/** Where a file-to-file replay writes: {@code out/rows/…} and {@code out/dead-letters/…} ({@code --out}). */
record FileTarget(Path out) {

    FileTarget {
        Objects.requireNonNull(out, "out");
    }
}
