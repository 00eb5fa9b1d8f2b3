package dev.fanout.domain.otlp;

import java.util.List;

/**
 * One {@code ScopeMetrics}: the scope's name, version and attributes, and its metrics. {@code preError} is
 * the first bundle-level failure before its metrics (the element, the scope, the metrics array).
 */
public record ScopeBlock(Failure preError, String name, String version, RenderedAttributes attributes,
                         List<MetricBlock> metrics) {
}
