package dev.fanout.ports;

import java.util.Objects;

/** An input file a source did not read because its name says no format it knows, and why. */
public record SkippedInput(String path, String why) {

    public SkippedInput {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(why, "why");
    }
}
