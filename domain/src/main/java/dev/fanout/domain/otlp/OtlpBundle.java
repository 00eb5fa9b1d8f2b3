package dev.fanout.domain.otlp;

import java.util.List;

/**
 * A decoded bundle that passed every bundle-level check: its resources in input order. {@code bare} says
 * the top level was a bare {@code ResourceMetrics} (paths then start at {@code $} instead of
 * {@code $.resourceMetrics[r]}).
 */
public record OtlpBundle(List<ResourceBlock> resources, boolean bare) {

    public OtlpBundle {
        resources = List.copyOf(resources);
    }

    /** The JSON path of resource {@code r}, the base of every path below it. */
    public String resourcePath(int r) {
        return bare ? "$" : "$.resourceMetrics[" + r + "]";
    }
}
