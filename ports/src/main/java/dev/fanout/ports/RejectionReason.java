package dev.fanout.ports;

/** The rejection reasons of docs/row-event.md §6.1, exactly; {@link #code()} is the wire form. */
public enum RejectionReason {
    BUNDLE_MALFORMED_JSON("bundle.malformed_json", Kind.BUNDLE),
    BUNDLE_INVALID("bundle.invalid", Kind.BUNDLE),
    BUNDLE_TOO_LARGE("bundle.too_large", Kind.BUNDLE),
    BUNDLE_BAD_ENVELOPE("bundle.bad_envelope", Kind.BUNDLE),
    /** The fan-out of the bundle failed with an unexpected error of the product itself; the batch went on. */
    BUNDLE_INTERNAL_ERROR("bundle.internal_error", Kind.BUNDLE),
    POINT_NO_METRIC_NAME("point.no_metric_name", Kind.POINT),
    POINT_INVALID("point.invalid", Kind.POINT),
    POINT_BAD_TIME("point.bad_time", Kind.POINT),
    POINT_NO_VALUE("point.no_value", Kind.POINT),
    ROW_TOO_LARGE("row.too_large", Kind.POINT);

    /** Whether the reason rejects a whole bundle or a single data point. */
    public enum Kind {
        BUNDLE("bundle"), POINT("point");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final String code;
    private final Kind kind;

    RejectionReason(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    public static RejectionReason fromCode(String code) {
        for (RejectionReason reason : values()) {
            if (reason.code.equals(code)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("not a rejection reason: " + code);
    }
}
