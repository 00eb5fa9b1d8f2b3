package dev.fanout.domain.verify;

import dev.fanout.domain.row.PartitionSegments;
import dev.fanout.ports.PartitionKey;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether one stored row is a Row Event v1 row (docs/row-event.md §3, §4) that belongs in its folder: the folder the
 * Firehose partitioning JQ names for it (docs/row-event.md §4.2), with the segments computed by {@link PartitionSegments},
 * the code the sinks place rows with.
 */
final class RowCheck {

    private static final Pattern ROW_ID = Pattern.compile("[0-9a-f]{32}");
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);
    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH", Locale.ROOT);

    private RowCheck() {
    }

    /** The first thing wrong with {@code value} as a row of {@code folder}, if any. */
    static Optional<String> problem(Object value, PartitionKey folder) {
        if (!(value instanceof Map<?, ?> row)) {
            return Optional.of("not a JSON object");
        }
        if (!Long.valueOf(1).equals(row.get("schemaVersion"))) {
            return Optional.of("schemaVersion is " + row.get("schemaVersion") + ", not 1");
        }
        if (!(row.get("rowId") instanceof String rowId) || !ROW_ID.matcher(rowId).matches()) {
            return Optional.of("rowId is not 32 lowercase hex characters");
        }
        if (!(row.get("orgId") instanceof String orgId) || orgId.isEmpty()) {
            return Optional.of("orgId is missing or not a non-empty string");
        }
        if (!(row.get("metric") instanceof String metric) || metric.isEmpty()) {
            return Optional.of("metric is missing or not a non-empty string");
        }
        Optional<String> time = time(row);
        if (time.isPresent()) {
            return time;
        }
        String orgSegment = PartitionSegments.segment(orgId);
        String metricSegment = PartitionSegments.segment(metric);
        Object partition = row.get("partition");
        if (orgSegment.equals(orgId) && metricSegment.equals(metric)) {
            if (partition != null) {
                return Optional.of("has a partition object although orgId and metric are their own segments");
            }
        } else if (!(partition instanceof Map<?, ?> keys) || !orgSegment.equals(keys.get("orgid"))
                || !metricSegment.equals(keys.get("metric")) || keys.size() != 2) {
            return Optional.of("partition should be {\"orgid\":\"" + orgSegment + "\",\"metric\":\"" + metricSegment
                    + "\"}, the segments of orgId and metric");
        }
        // The folder the Firehose JQ names: {orgid: (.partition.orgid // .orgId), metric: …, dt, hour}.
        PartitionKey named = new PartitionKey(orgSegment, metricSegment, (String) row.get("dt"),
                (String) row.get("hour"));
        if (!named.equals(folder)) {
            return Optional.of("belongs in rows/" + named.path() + "/, not here");
        }
        return Optional.empty();
    }

    /** {@code tsUnixMs = floor(timeUnixNano / 10^6)}, and {@code dt}/{@code hour} its UTC date and hour. */
    private static Optional<String> time(Map<?, ?> row) {
        BigInteger nanos = integer(row.get("timeUnixNano"));
        if (nanos == null || nanos.signum() <= 0) {
            return Optional.of("timeUnixNano is missing or not a positive integer");
        }
        if (!(row.get("tsUnixMs") instanceof Long millis) || !nanos.divide(MILLION).equals(BigInteger.valueOf(millis))) {
            return Optional.of("tsUnixMs is not floor(timeUnixNano / 1e6)");
        }
        var utc = Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
        String dt = DT.format(utc);
        String hour = HOUR.format(utc);
        if (!dt.equals(row.get("dt")) || !hour.equals(row.get("hour"))) {
            return Optional.of("dt/hour are " + row.get("dt") + "/" + row.get("hour") + " but tsUnixMs says " + dt + "/"
                    + hour);
        }
        return Optional.empty();
    }

    private static BigInteger integer(Object value) {
        return switch (value) {
            case Long l -> BigInteger.valueOf(l);
            case BigInteger b -> b;
            case null, default -> null;
        };
    }
}
