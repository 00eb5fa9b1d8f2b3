package dev.fanout.domain.otlp;

import java.util.List;

/**
 * One {@code ResourceMetrics}. {@code preError} is the first bundle-level failure that the walk of
 * docs/row-event.md §1.5 meets before it descends into the scopes (the element itself, its resource, the
 * scopeMetrics array).
 */
public record ResourceBlock(Failure preError, RenderedAttributes attributes, List<ScopeBlock> scopes) {
}
