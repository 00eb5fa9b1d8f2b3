package dev.fanout.domain.otlp;

import java.util.List;

/**
 * One {@code Metric}. {@code kind} is null for a metric without a data field (it yields nothing).
 * {@code pointCount} is the length of its {@code dataPoints} array; {@code points} holds them (empty when
 * the decoder stopped keeping points because the bundle already had too many). {@code temporality} is
 * 1 (delta), 2 (cumulative) or 0 for anything else.
 */
public record MetricBlock(Failure preError, String name, String unit, String description, DataKind kind,
                          int temporality, boolean monotonic, int pointCount, List<DataPoint> points) {
}
