package dev.fanout.domain.otlp;

import dev.fanout.domain.json.JsonBuffer;
import java.io.IOException;

/**
 * Reads one data point of a known kind. Every field of the point is read whatever its position in the
 * JSON; its failure, if any, goes into a slot, and when the point's object ends the first failure in the
 * order of docs/row-event.md §1.5 becomes the point's {@code point.invalid}. A repeated key replaces the
 * earlier value and its failure (§1.3). Fields the kind does not use are skipped unread.
 */
final class PointReader {

    // Slots in the evaluation order of docs/row-event.md §1.5; each kind uses a subsequence of it.
    private static final int ATTRIBUTES = 0;
    private static final int TIME = 1;
    private static final int START_TIME = 2;
    private static final int FLAGS = 3;
    private static final int EXEMPLARS = 4;
    private static final int AS_DOUBLE = 5;
    private static final int AS_INT = 6;
    private static final int COUNT = 7;
    private static final int SUM = 8;
    private static final int MIN = 9;
    private static final int MAX = 10;
    private static final int BUCKET_COUNTS = 11;
    private static final int EXPLICIT_BOUNDS = 12;
    private static final int SCALE = 13;
    private static final int ZERO_COUNT = 14;
    private static final int ZERO_THRESHOLD = 15;
    private static final int POSITIVE = 16;
    private static final int NEGATIVE = 17;
    private static final int QUANTILES = 18;

    private static final String NULL_IN_ARRAY = "null in a numeric array";

    private final JsonCursor c;
    private final JsonBuffer buf;
    private final AttributeReader attributes;
    private final Failure[] slots = new Failure[19];
    private int failed;
    /** Set by the list readers: the list held a JSON null. */
    private boolean listHadNull;
    /** Result of the list readers: the rendered list, or null when empty. */
    private byte[] rendered;

    PointReader(JsonCursor cursor, JsonBuffer scratch, AttributeReader attributes) {
        this.c = cursor;
        this.buf = scratch;
        this.attributes = attributes;
    }

    /** Reads the current value as a data point of {@code kind}; the path points at the point. */
    DataPoint read(DataKind kind) throws IOException {
        DataPoint p = new DataPoint();
        if (c.isNull()) {
            return p;
        }
        if (!c.isObject()) {
            p.invalid = c.wrongType(null, JsonCursor.EXPECTED_OBJECT);
            return p;
        }
        failed = 0;
        boolean hasDouble = false;
        boolean hasInt = false;
        boolean bucketsHadNull = false;
        boolean boundsHadNull = false;
        boolean number = kind.isNumber();
        boolean histogram = kind == DataKind.HISTOGRAM;
        boolean exponential = kind == DataKind.EXPONENTIAL_HISTOGRAM;
        boolean distribution = histogram || exponential;
        for (String key = null; c.nextField(LikelyKeys.inPointAfter(key)); ) {
            key = c.key();
            switch (key) {
                case "attributes" -> {
                    set(ATTRIBUTES, attributes.readRepeating(key));
                    p.attributes = attributes.attributes;
                }
                case "timeUnixNano" -> {
                    set(TIME, c.readInteger(key, JsonCursor.Range.UINT64));
                    p.timeUnixNano = c.longValue;
                }
                case "startTimeUnixNano" -> {
                    set(START_TIME, c.readInteger(key, JsonCursor.Range.UINT64));
                    p.startTimeUnixNano = c.longValue;
                }
                case "flags" -> {
                    set(FLAGS, c.readInteger(key, JsonCursor.Range.UINT32));
                    p.flags = c.longValue;
                }
                case "exemplars" -> {
                    set(EXEMPLARS, readExemplars());
                    p.exemplarsJson = rendered;
                }
                case "asDouble" -> {
                    if (number) {
                        set(AS_DOUBLE, c.readDouble(key));
                        hasDouble = c.present;
                        p.doubleValue = c.doubleValue;
                    } else {
                        c.skip();
                    }
                }
                case "asInt" -> {
                    if (number) {
                        set(AS_INT, c.readInteger(key, JsonCursor.Range.INT64));
                        hasInt = c.present;
                        p.intValue = c.longValue;
                    } else {
                        c.skip();
                    }
                }
                case "count" -> {
                    if (!number) {
                        set(COUNT, c.readInteger(key, JsonCursor.Range.UINT64));
                        p.count = c.longValue;
                    } else {
                        c.skip();
                    }
                }
                case "sum" -> {
                    if (!number) {
                        set(SUM, c.readDouble(key));
                        p.hasSum = c.present;
                        p.sum = c.doubleValue;
                    } else {
                        c.skip();
                    }
                }
                case "min" -> {
                    if (distribution) {
                        set(MIN, c.readDouble(key));
                        p.hasMin = c.present;
                        p.min = c.doubleValue;
                    } else {
                        c.skip();
                    }
                }
                case "max" -> {
                    if (distribution) {
                        set(MAX, c.readDouble(key));
                        p.hasMax = c.present;
                        p.max = c.doubleValue;
                    } else {
                        c.skip();
                    }
                }
                case "bucketCounts" -> {
                    if (histogram) {
                        set(BUCKET_COUNTS, readCounts(key));
                        p.bucketCountsJson = rendered;
                        bucketsHadNull = listHadNull;
                    } else {
                        c.skip();
                    }
                }
                case "explicitBounds" -> {
                    if (histogram) {
                        set(EXPLICIT_BOUNDS, readDoubles(key));
                        p.explicitBoundsJson = rendered;
                        boundsHadNull = listHadNull;
                    } else {
                        c.skip();
                    }
                }
                case "scale" -> {
                    if (exponential) {
                        set(SCALE, c.readInteger(key, JsonCursor.Range.INT32));
                        p.scale = (int) c.longValue;
                    } else {
                        c.skip();
                    }
                }
                case "zeroCount" -> {
                    if (exponential) {
                        set(ZERO_COUNT, c.readInteger(key, JsonCursor.Range.UINT64));
                        p.zeroCount = c.longValue;
                    } else {
                        c.skip();
                    }
                }
                case "zeroThreshold" -> {
                    if (exponential) {
                        set(ZERO_THRESHOLD, c.readDouble(key));
                        p.zeroThreshold = c.doubleValue;
                    } else {
                        c.skip();
                    }
                }
                case "positive" -> {
                    if (exponential) {
                        set(POSITIVE, readBuckets(key));
                        p.positiveJson = rendered;
                    } else {
                        c.skip();
                    }
                }
                case "negative" -> {
                    if (exponential) {
                        set(NEGATIVE, readBuckets(key));
                        p.negativeJson = rendered;
                    } else {
                        c.skip();
                    }
                }
                case "quantileValues" -> {
                    if (kind == DataKind.SUMMARY) {
                        set(QUANTILES, readQuantiles(key));
                        p.quantilesJson = rendered;
                    } else {
                        c.skip();
                    }
                }
                default -> c.skip();
            }
        }
        if (failed != 0) {
            p.invalid = slots[Integer.numberOfTrailingZeros(failed)];
        } else if (hasDouble && hasInt) {
            p.invalid = c.fail(null, "both asDouble and asInt");
        } else if (histogram && (bucketsHadNull || boundsHadNull)) {
            p.invalid = c.fail(null, NULL_IN_ARRAY);
        }
        if (number) {
            p.valueKind = hasDouble ? DataPoint.ValueKind.DOUBLE : hasInt ? DataPoint.ValueKind.INT
                    : DataPoint.ValueKind.NONE;
        }
        if (kind == DataKind.SUMMARY && !p.hasSum) {
            p.sum = 0.0;
        }
        return p;
    }

    private void set(int slot, Failure failure) {
        if (failure == null) {
            failed &= ~(1 << slot);
        } else {
            failed |= 1 << slot;
            slots[slot] = failure;
        }
    }

    // ------------------------------------------------------------------ lists rendered for the row

    // What a rendered list holds; a constant rather than a callback keeps the element loop free of
    // megamorphic calls.
    private static final int COUNTS = 0;
    private static final int DOUBLES = 1;
    private static final int QUANTILE_OBJECTS = 2;
    private static final int EXEMPLAR_OBJECTS = 3;

    /** A uint64 list ({@code bucketCounts}): rendered into {@link #rendered}, nulls noted in {@link #listHadNull}. */
    private Failure readCounts(String leaf) throws IOException {
        return readList(leaf, COUNTS);
    }

    private Failure readDoubles(String leaf) throws IOException {
        return readList(leaf, DOUBLES);
    }

    /**
     * Renders the list that is the current value of {@code leaf} as {@code [e,e,…]} into {@link #rendered}:
     * null when the list is absent or empty, fails, or (numbers only) holds a null, which {@link #listHadNull}
     * notes. The first bad element is the list's failure.
     */
    private Failure readList(String leaf, int elements) throws IOException {
        rendered = null;
        listHadNull = false;
        if (c.isNull()) {
            return null;
        }
        if (!c.isArray()) {
            return c.wrongType(leaf, JsonCursor.EXPECTED_ARRAY);
        }
        int mark = buf.size();
        buf.writeByte('[');
        c.enterArray(leaf);
        Failure failure = null;
        boolean empty = true;
        while (c.nextElementUnless(failure)) {
            if (!empty) {
                buf.writeByte(',');
            }
            empty = false;
            failure = switch (elements) {
                case COUNTS, DOUBLES -> readNumber(elements == DOUBLES);
                case QUANTILE_OBJECTS -> readQuantile();
                default -> readExemplar();
            };
        }
        if (failure == null && !empty && !listHadNull) {
            buf.writeByte(']');
            rendered = buf.copy(mark, buf.size());
        }
        buf.truncate(mark);
        return failure;
    }

    /** One element of a numeric list; a null writes nothing and is noted in {@link #listHadNull}. */
    private Failure readNumber(boolean isDouble) throws IOException {
        Failure failure;
        if (isDouble) {
            failure = c.readDouble(null);
            if (c.present) {
                buf.writeDouble(c.doubleValue);
            }
        } else {
            failure = c.readInteger(null, JsonCursor.Range.UINT64);
            if (c.present) {
                buf.writeUnsignedLong(c.longValue);
            }
        }
        if (failure == null && !c.present) {
            listHadNull = true;
        }
        return failure;
    }

    /** {@code positive}/{@code negative}: {@code {"offset":…,"bucketCounts":[…]}}, null without buckets. */
    private Failure readBuckets(String leaf) throws IOException {
        rendered = null;
        if (c.isNull()) {
            return null;
        }
        if (!c.isObject()) {
            return c.wrongType(leaf, JsonCursor.EXPECTED_OBJECT);
        }
        JsonPath path = c.path();
        path.push(leaf);
        Failure offsetFailure = null;
        Failure countsFailure = null;
        long offset = 0;
        byte[] counts = null;
        boolean countsHadNull = false;
        while (c.nextField()) {
            switch (c.key()) {
                case "offset" -> {
                    offsetFailure = c.readInteger("offset", JsonCursor.Range.INT32);
                    offset = c.longValue;
                }
                case "bucketCounts" -> {
                    countsFailure = readCounts("bucketCounts");
                    counts = rendered;
                    countsHadNull = listHadNull;
                }
                default -> c.skip();
            }
        }
        path.pop();
        rendered = null;
        if (offsetFailure != null) {
            return offsetFailure;
        }
        if (countsFailure != null) {
            return countsFailure;
        }
        if (countsHadNull) {
            // The contract reports this one at the point's path, not at the list's (§1.5).
            return c.fail(null, NULL_IN_ARRAY);
        }
        if (counts != null) {
            int mark = buf.size();
            buf.writeAscii("{\"offset\":");
            buf.writeLong(offset);
            buf.writeAscii(",\"bucketCounts\":");
            buf.writeBytes(counts);
            buf.writeByte('}');
            rendered = buf.copy(mark, buf.size());
            buf.truncate(mark);
        }
        return null;
    }

    /** {@code quantileValues}: {@code [{"quantile":q,"value":v}]} in input order, absent values as 0.0. */
    private Failure readQuantiles(String leaf) throws IOException {
        return readList(leaf, QUANTILE_OBJECTS);
    }

    private Failure readQuantile() throws IOException {
        double quantile = 0.0;
        double value = 0.0;
        if (!c.isNull()) {
            if (!c.isObject()) {
                return c.wrongType(null, JsonCursor.EXPECTED_OBJECT);
            }
            Failure quantileFailure = null;
            Failure valueFailure = null;
            while (c.nextField()) {
                switch (c.key()) {
                    case "quantile" -> {
                        quantileFailure = c.readDouble("quantile");
                        quantile = c.present ? c.doubleValue : 0.0;
                    }
                    case "value" -> {
                        valueFailure = c.readDouble("value");
                        value = c.present ? c.doubleValue : 0.0;
                    }
                    default -> c.skip();
                }
            }
            if (quantileFailure != null) {
                return quantileFailure;
            }
            if (valueFailure != null) {
                return valueFailure;
            }
        }
        buf.writeAscii("{\"quantile\":");
        buf.writeDouble(quantile);
        buf.writeAscii(",\"value\":");
        buf.writeDouble(value);
        buf.writeByte('}');
        return null;
    }

    // ------------------------------------------------------------------ exemplars

    private Failure readExemplars() throws IOException {
        return readList("exemplars", EXEMPLAR_OBJECTS);
    }

    /** One exemplar, rendered at the end of the buffer as {@code {"timeUnixNano",…}} with empty fields left out. */
    private Failure readExemplar() throws IOException {
        int start = buf.size();
        if (c.isNull()) {
            buf.writeAscii("{}");
            return null;
        }
        if (!c.isObject()) {
            return c.wrongType(null, JsonCursor.EXPECTED_OBJECT);
        }
        // Slots in the order of §1.5: time, asDouble, asInt, traceId, spanId, filteredAttributes.
        Failure[] failures = new Failure[6];
        long time = 0;
        boolean hasDouble = false;
        double doubleValue = 0;
        boolean hasInt = false;
        long intValue = 0;
        String traceId = null;
        String spanId = null;
        RenderedAttributes filtered = RenderedAttributes.EMPTY;
        while (c.nextField()) {
            String key = c.key();
            switch (key) {
                case "timeUnixNano" -> {
                    failures[0] = c.readInteger(key, JsonCursor.Range.UINT64);
                    time = c.longValue;
                }
                case "asDouble" -> {
                    failures[1] = c.readDouble(key);
                    hasDouble = c.present;
                    doubleValue = c.doubleValue;
                }
                case "asInt" -> {
                    failures[2] = c.readInteger(key, JsonCursor.Range.INT64);
                    hasInt = c.present;
                    intValue = c.longValue;
                }
                case "traceId" -> {
                    failures[3] = c.readId(key, 16);
                    traceId = c.stringValue;
                }
                case "spanId" -> {
                    failures[4] = c.readId(key, 8);
                    spanId = c.stringValue;
                }
                case "filteredAttributes" -> {
                    failures[5] = attributes.read(key);
                    filtered = attributes.attributes;
                }
                default -> c.skip();
            }
        }
        for (Failure failure : failures) {
            if (failure != null) {
                return failure;
            }
        }
        if (hasDouble && hasInt) {
            return c.fail(null, "both asDouble and asInt");
        }
        buf.truncate(start);
        buf.writeByte('{');
        boolean first = true;
        if (time != 0) {
            buf.writeAscii("\"timeUnixNano\":");
            buf.writeUnsignedLong(time);
            first = false;
        }
        if (hasDouble || hasInt) {
            buf.writeAscii(first ? "\"value\":" : ",\"value\":");
            if (hasDouble) {
                buf.writeDouble(doubleValue);
            } else {
                buf.writeLong(intValue);
            }
            first = false;
        }
        if (traceId != null) {
            buf.writeAscii(first ? "\"traceId\":" : ",\"traceId\":");
            buf.writeAscii("\"" + traceId + "\"");
            first = false;
        }
        if (spanId != null) {
            buf.writeAscii(first ? "\"spanId\":" : ",\"spanId\":");
            buf.writeAscii("\"" + spanId + "\"");
            first = false;
        }
        if (!filtered.isEmpty()) {
            buf.writeAscii(first ? "\"filteredAttributes\":" : ",\"filteredAttributes\":");
            buf.writeBytes(filtered.json());
        }
        buf.writeByte('}');
        return null;
    }
}
