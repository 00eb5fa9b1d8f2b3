package dev.fanout.domain.otlp;

/**
 * One data point as decoded, with its typed fields, or the first {@code point.invalid} failure in the order
 * docs/row-event.md §1.5 gives the point's fields. Lists that a row only copies (bucket counts, bounds, buckets,
 * quantiles, exemplars) are kept already rendered as JSON; attributes as {@link RenderedAttributes}.
 *
 * <p>Built field by field by the decoder (JSON key order is free), then only read.
 */
public final class DataPoint {

    /** Which of {@code asDouble}/{@code asInt} a gauge or sum point carried. */
    public enum ValueKind { NONE, DOUBLE, INT }

    Failure invalid;
    RenderedAttributes attributes = RenderedAttributes.EMPTY;
    long timeUnixNano;
    long startTimeUnixNano;
    long flags;
    byte[] exemplarsJson;
    ValueKind valueKind = ValueKind.NONE;
    double doubleValue;
    long intValue;
    long count;
    boolean hasSum;
    double sum;
    boolean hasMin;
    double min;
    boolean hasMax;
    double max;
    byte[] bucketCountsJson;
    byte[] explicitBoundsJson;
    int scale;
    long zeroCount;
    double zeroThreshold;
    byte[] positiveJson;
    byte[] negativeJson;
    byte[] quantilesJson;

    /** The first {@code point.invalid} failure, or null when every field has the right type. */
    public Failure invalid() {
        return invalid;
    }

    public RenderedAttributes attributes() {
        return attributes;
    }

    /** Unsigned 64-bit; 0 when absent. */
    public long timeUnixNano() {
        return timeUnixNano;
    }

    /** Unsigned 64-bit; 0 when absent. */
    public long startTimeUnixNano() {
        return startTimeUnixNano;
    }

    /** Unsigned 32-bit; 0 when absent. */
    public long flags() {
        return flags;
    }

    /** The rendered {@code [{…}]} exemplars, or null when there are none. Shared: never modify it. */
    public byte[] exemplarsJson() {
        return exemplarsJson;
    }

    public ValueKind valueKind() {
        return valueKind;
    }

    public double doubleValue() {
        return doubleValue;
    }

    public long intValue() {
        return intValue;
    }

    /** Unsigned 64-bit; 0 when absent. */
    public long count() {
        return count;
    }

    public boolean hasSum() {
        return hasSum;
    }

    public double sum() {
        return sum;
    }

    public boolean hasMin() {
        return hasMin;
    }

    public double min() {
        return min;
    }

    public boolean hasMax() {
        return hasMax;
    }

    public double max() {
        return max;
    }

    /** Rendered {@code [1,2]}, or null when empty. */
    public byte[] bucketCountsJson() {
        return bucketCountsJson;
    }

    /** Rendered {@code [1.0,2.5]}, or null when empty. */
    public byte[] explicitBoundsJson() {
        return explicitBoundsJson;
    }

    public int scale() {
        return scale;
    }

    /** Unsigned 64-bit. */
    public long zeroCount() {
        return zeroCount;
    }

    /** 0 when absent; the row omits it when it equals 0. */
    public double zeroThreshold() {
        return zeroThreshold;
    }

    /** Rendered {@code {"offset":…,"bucketCounts":[…]}}, or null when it has no buckets. */
    public byte[] positiveJson() {
        return positiveJson;
    }

    public byte[] negativeJson() {
        return negativeJson;
    }

    /** Rendered {@code [{"quantile":…,"value":…}]}, or null when empty. */
    public byte[] quantilesJson() {
        return quantilesJson;
    }
}
