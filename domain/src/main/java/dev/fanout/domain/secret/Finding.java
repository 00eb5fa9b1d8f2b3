package dev.fanout.domain.secret;

import java.util.Objects;

/** One thing wrong with a secret: an {@code ERROR} makes it unusable, a {@code WARNING} needs attention soon. */
public record Finding(Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (message.isBlank() || message.contains("\n")) {
            throw new IllegalArgumentException("a finding is one non-empty line, got: " + message);
        }
    }

    static Finding error(String message) {
        return new Finding(Severity.ERROR, message);
    }

    static Finding warning(String message) {
        return new Finding(Severity.WARNING, message);
    }

    /** The line a person reads: {@code ERROR …} or {@code WARNING …}. */
    public String line() {
        return severity + " " + message;
    }
}
