package dev.fanout.domain.row;

import dev.fanout.domain.json.JsonBuffer;
import dev.fanout.domain.otlp.DataKind;
import dev.fanout.domain.otlp.DataPoint;
import java.util.Objects;

/**
 * Writes one row (docs/row-event.md §3) in the table's key order, optional keys left out when they carry nothing. The
 * parts shared by many rows (resource and scope objects, metric header, source, UTC hour) arrive as
 * ready-made JSON bytes and are copied; only the point's own values are formatted here.
 */
final class RowWriter {

    private static final byte[] ROW_START = JsonBuffer.ascii("{\"schemaVersion\":1,\"rowId\":\"");
    private static final byte[] ORG_ID = JsonBuffer.ascii("\",\"orgId\":");
    private static final byte[][] FIELD_KEYS = {JsonBuffer.ascii(",\"deviceId\":"), JsonBuffer.ascii(",\"host\":"),
            JsonBuffer.ascii(",\"datasource\":"), JsonBuffer.ascii(",\"instance\":")};
    private static final byte[] TIME = JsonBuffer.ascii(",\"timeUnixNano\":");
    private static final byte[] START_TIME = JsonBuffer.ascii(",\"startTimeUnixNano\":");
    private static final byte[] TS_MS = JsonBuffer.ascii(",\"tsUnixMs\":");
    private static final byte[] VALUE = JsonBuffer.ascii(",\"value\":");
    private static final byte[] NO_RECORDED_VALUE = JsonBuffer.ascii(",\"noRecordedValue\":true");
    private static final byte[] FLAGS = JsonBuffer.ascii(",\"flags\":");
    private static final byte[] COUNT = JsonBuffer.ascii(",\"count\":");
    private static final byte[] SUM = JsonBuffer.ascii(",\"sum\":");
    private static final byte[] MIN = JsonBuffer.ascii(",\"min\":");
    private static final byte[] MAX = JsonBuffer.ascii(",\"max\":");
    private static final byte[] SCALE = JsonBuffer.ascii(",\"scale\":");
    private static final byte[] ZERO_COUNT = JsonBuffer.ascii(",\"zeroCount\":");
    private static final byte[] ZERO_THRESHOLD = JsonBuffer.ascii(",\"zeroThreshold\":");
    private static final byte[] POSITIVE = JsonBuffer.ascii(",\"positive\":");
    private static final byte[] NEGATIVE = JsonBuffer.ascii(",\"negative\":");
    private static final byte[] BUCKET_COUNTS = JsonBuffer.ascii(",\"bucketCounts\":");
    private static final byte[] EXPLICIT_BOUNDS = JsonBuffer.ascii(",\"explicitBounds\":");
    private static final byte[] QUANTILES = JsonBuffer.ascii(",\"quantiles\":");
    private static final byte[] ATTRIBUTES = JsonBuffer.ascii(",\"attributes\":");
    private static final byte[] RESOURCE = JsonBuffer.ascii(",\"resource\":");
    private static final byte[] SCOPE = JsonBuffer.ascii(",\"scope\":");
    private static final byte[] EXEMPLARS = JsonBuffer.ascii(",\"exemplars\":");
    private static final byte[] PARTITION_ORG = JsonBuffer.ascii(",\"partition\":{\"orgid\":");
    private static final byte[] PARTITION_METRIC = JsonBuffer.ascii(",\"metric\":");

    /** The number of profile fields in {@code fields}, in this order: deviceId, host, datasource, instance. */
    static final int FIELD_COUNT = 4;
    /** Where the 32 characters of the row id start in a written row (they follow {@code ROW_START}). */
    static final int ROW_ID_OFFSET = ROW_START.length;
    static final int ROW_ID_LENGTH = 32;

    private RowWriter() {
    }

    /**
     * Writes the row into {@code out} (reset first). The row id sits at {@link #ROW_ID_OFFSET} of the output.
     *
     * @param fields the four profile field values as JSON strings, null when not found
     */
    static void write(JsonBuffer out, byte[] bundleIdHex, int ordinal, byte[] orgJson, byte[][] fields,
                      MetricParts metric, DataPoint p, UtcHour hour, long tsUnixMs, byte[] resourceJson,
                      byte[] scopeJson, byte[] sourceJson, byte[] partitionJson) {
        out.reset();
        out.writeBytes(ROW_START);
        out.writeBytes(bundleIdHex);
        out.writeHex32(ordinal);
        out.writeBytes(ORG_ID);
        out.writeBytes(orgJson);
        for (int i = 0; i < FIELD_COUNT; i++) {
            if (fields[i] != null) {
                out.writeBytes(FIELD_KEYS[i]);
                out.writeBytes(fields[i]);
            }
        }
        out.writeBytes(metric.header());
        out.writeBytes(TIME);
        out.writeUnsignedLong(p.timeUnixNano());
        if (p.startTimeUnixNano() != 0) {
            out.writeBytes(START_TIME);
            out.writeUnsignedLong(p.startTimeUnixNano());
        }
        out.writeBytes(TS_MS);
        out.writeLong(tsUnixMs);
        out.writeBytes(hour.json());
        boolean noRecordedValue = (p.flags() & 1) != 0;
        DataKind kind = metric.kind();
        if (kind.isNumber() && !noRecordedValue && p.valueKind() != DataPoint.ValueKind.NONE) {
            out.writeBytes(VALUE);
            if (p.valueKind() == DataPoint.ValueKind.DOUBLE) {
                out.writeDouble(p.doubleValue());
            } else {
                out.writeLong(p.intValue());
            }
        }
        if (noRecordedValue) {
            out.writeBytes(NO_RECORDED_VALUE);
        }
        if (p.flags() != 0) {
            out.writeBytes(FLAGS);
            out.writeLong(p.flags());
        }
        if (metric.temporality() != null) {
            out.writeBytes(metric.temporality());
        }
        switch (kind) {
            case HISTOGRAM -> {
                writeDistribution(out, p);
                writeOptional(out, BUCKET_COUNTS, p.bucketCountsJson());
                writeOptional(out, EXPLICIT_BOUNDS, p.explicitBoundsJson());
            }
            case EXPONENTIAL_HISTOGRAM -> {
                writeDistribution(out, p);
                out.writeBytes(SCALE);
                out.writeLong(p.scale());
                out.writeBytes(ZERO_COUNT);
                out.writeUnsignedLong(p.zeroCount());
                if (p.zeroThreshold() != 0) {
                    out.writeBytes(ZERO_THRESHOLD);
                    out.writeDouble(p.zeroThreshold());
                }
                writeOptional(out, POSITIVE, p.positiveJson());
                writeOptional(out, NEGATIVE, p.negativeJson());
            }
            case SUMMARY -> {
                out.writeBytes(COUNT);
                out.writeUnsignedLong(p.count());
                out.writeBytes(SUM);
                out.writeDouble(p.sum());
                writeOptional(out, QUANTILES, p.quantilesJson());
            }
            default -> {
            }
        }
        writeOptional(out, ATTRIBUTES, p.attributes().json());
        writeOptional(out, RESOURCE, resourceJson);
        writeOptional(out, SCOPE, scopeJson);
        writeOptional(out, EXEMPLARS, p.exemplarsJson());
        out.writeBytes(sourceJson);
        if (partitionJson != null) {
            out.writeBytes(partitionJson);
        }
        out.writeByte('}');
    }

    private static void writeDistribution(JsonBuffer out, DataPoint p) {
        out.writeBytes(COUNT);
        out.writeUnsignedLong(p.count());
        if (p.hasSum()) {
            out.writeBytes(SUM);
            out.writeDouble(p.sum());
        }
        if (p.hasMin()) {
            out.writeBytes(MIN);
            out.writeDouble(p.min());
        }
        if (p.hasMax()) {
            out.writeBytes(MAX);
            out.writeDouble(p.max());
        }
    }

    private static void writeOptional(JsonBuffer out, byte[] key, byte[] json) {
        if (json != null) {
            out.writeBytes(key);
            out.writeBytes(json);
        }
    }

    /** {@code ,"partition":{"orgid":…,"metric":…}}, for when a segment differs from its raw value. */
    static byte[] partitionJson(String orgSegment, String metricSegment) {
        JsonBuffer out = new JsonBuffer(64);
        out.writeBytes(PARTITION_ORG);
        out.writeString(orgSegment);
        out.writeBytes(PARTITION_METRIC);
        out.writeString(metricSegment);
        out.writeByte('}');
        return out.toByteArray();
    }

    /** The parts of a row shared by every point of one metric, and what they were made from. */
    record MetricParts(String name, String unit, String description, DataKind kind, int temporalityCode,
                       boolean monotonic, String segment, byte[] header, byte[] temporality) {

        static MetricParts of(String name, String unit, String description, DataKind kind, int temporality,
                              boolean monotonic) {
            JsonBuffer out = new JsonBuffer(64);
            out.writeAscii(",\"metric\":");
            out.writeString(name);
            out.writeAscii(",\"type\":\"");
            out.writeAscii(kind.wireName());
            out.writeByte('"');
            if (unit != null && !unit.isEmpty()) {
                out.writeAscii(",\"unit\":");
                out.writeString(unit);
            }
            if (description != null && !description.isEmpty()) {
                out.writeAscii(",\"description\":");
                out.writeString(description);
            }
            byte[] temporalityJson = null;
            if (kind != DataKind.GAUGE && kind != DataKind.SUMMARY) {
                String word = temporality == 1 ? "delta" : temporality == 2 ? "cumulative" : "unspecified";
                String json = ",\"temporality\":\"" + word + "\"";
                if (kind == DataKind.SUM) {
                    json += ",\"monotonic\":" + monotonic;
                }
                temporalityJson = JsonBuffer.ascii(json);
            }
            return new MetricParts(name, unit, description, kind, temporality, monotonic,
                    PartitionSegments.segment(name), out.toByteArray(), temporalityJson);
        }

        /** Whether these parts are the ones {@link #of} would make from the same arguments. */
        boolean madeFrom(String unit, String description, DataKind kind, int temporality, boolean monotonic) {
            return this.kind == kind && temporalityCode == temporality && this.monotonic == monotonic
                    && Objects.equals(this.unit, unit) && Objects.equals(this.description, description);
        }
    }
}
