package dev.fanout.domain.otlp;

import java.util.Objects;

/** Why a value was refused, and where: a JSON path in rowspec's style ({@code $.resourceMetrics[0].…}). */
public record Failure(String path, String detail) {

    public Failure {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
    }
}
