package dev.fanout.domain.otlp;

import java.util.Objects;

/** Why a value was refused, and where: a JSON path as docs/row-event.md §6.2 writes it ({@code $.resourceMetrics[0].…}). */
public record Failure(String path, String detail) {

    public Failure {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
    }
}
