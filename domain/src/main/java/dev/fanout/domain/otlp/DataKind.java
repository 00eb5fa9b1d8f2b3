package dev.fanout.domain.otlp;

/** The five OTLP metric data fields; {@link #wireName()} is both the JSON key and the row's {@code type}. */
public enum DataKind {
    GAUGE("gauge"),
    SUM("sum"),
    HISTOGRAM("histogram"),
    EXPONENTIAL_HISTOGRAM("exponentialHistogram"),
    SUMMARY("summary");

    private final String wireName;

    DataKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The kind whose camelCase key this is, or null. */
    static DataKind ofKey(String key) {
        return switch (key) {
            case "gauge" -> GAUGE;
            case "sum" -> SUM;
            case "histogram" -> HISTOGRAM;
            case "exponentialHistogram" -> EXPONENTIAL_HISTOGRAM;
            case "summary" -> SUMMARY;
            default -> null;
        };
    }

    /** Whether a point of this kind carries {@code asDouble}/{@code asInt} and a row {@code value}. */
    public boolean isNumber() {
        return this == GAUGE || this == SUM;
    }
}
