package dev.fanout.domain.otlp;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The key most likely to come next in a data point, a metric or a data field, for
 * {@link JsonCursor#nextField(SerializedString)}: encoders write the fields in one order (LMDP: a point's
 * {@code timeUnixNano}, {@code attributes}, then its value; a metric's {@code name}, then its data), so
 * Jackson can compare the key's bytes with the guess instead of decoding and looking it up. A wrong guess
 * costs one comparison; any order is still read.
 */
final class LikelyKeys {

    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString DATA_POINTS = new SerializedString("dataPoints");
    private static final SerializedString TIME_UNIX_NANO = new SerializedString("timeUnixNano");
    private static final SerializedString GAUGE = new SerializedString("gauge");
    private static final SerializedString AGGREGATION_TEMPORALITY = new SerializedString("aggregationTemporality");
    private static final SerializedString IS_MONOTONIC = new SerializedString("isMonotonic");
    private static final SerializedString ATTRIBUTES = new SerializedString("attributes");
    private static final SerializedString AS_INT = new SerializedString("asInt");

    private LikelyKeys() {
    }

    /** In a metric, after {@code key} (null before the first). */
    static SerializedString inMetricAfter(String key) {
        return NAME.getValue().equals(key) ? GAUGE : NAME;
    }

    /** In a metric's data field (gauge, sum, …), after {@code key} (null before the first). */
    static SerializedString inDataAfter(String key) {
        return DATA_POINTS.getValue().equals(key) ? AGGREGATION_TEMPORALITY
                : AGGREGATION_TEMPORALITY.getValue().equals(key) ? IS_MONOTONIC : DATA_POINTS;
    }

    /** In a data point, after {@code key} (null before the first). */
    static SerializedString inPointAfter(String key) {
        return TIME_UNIX_NANO.getValue().equals(key) ? ATTRIBUTES
                : ATTRIBUTES.getValue().equals(key) ? AS_INT : TIME_UNIX_NANO;
    }
}
