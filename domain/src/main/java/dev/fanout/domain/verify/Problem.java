package dev.fanout.domain.verify;

import java.util.Objects;

/** Something wrong in a stored tree: where (an object's location, and the line when it is about one) and what. */
public record Problem(String location, long line, String message) {

    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** {@code location: message} or {@code location line N: message}. */
    public String describe() {
        return location + (line > 0 ? " line " + line : "") + ": " + message;
    }
}
