package dev.fanout.domain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.domain.row.PartitionSegments;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.in.BundleOutcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What every fan-out must keep, whatever its input (docs/row-event.md §2.3, §3, §4, §6): the counts add up;
 * every row is one JSON object with the required keys, only keys of the spec, in the spec's order, and sits
 * in the partition its keys name (the Firehose JQ, with segments computed by the production
 * {@link PartitionSegments}); every dead letter is one JSON object whose reason is a spec code of its kind.
 * The fuzz tests and their seed corpora check exactly this; a broken promise throws an {@link AssertionError}
 * saying which.
 */
public final class FanOutInvariants {

    /** Every key of a row, in the order §3 fixes. */
    private static final List<String> ROW_KEYS = List.of("schemaVersion", "rowId", "orgId", "deviceId", "host",
            "datasource", "instance", "metric", "type", "unit", "description", "timeUnixNano", "startTimeUnixNano",
            "tsUnixMs", "dt", "hour", "value", "noRecordedValue", "flags", "temporality", "monotonic", "count", "sum",
            "min", "max", "bucketCounts", "explicitBounds", "scale", "zeroCount", "zeroThreshold", "positive",
            "negative", "quantiles", "attributes", "resource", "scope", "exemplars", "source", "partition");

    private static final Set<String> REQUIRED_ROW_KEYS = Set.of("schemaVersion", "rowId", "orgId", "metric", "type",
            "timeUnixNano", "tsUnixMs", "dt", "hour", "source");

    private static final Set<String> TYPES = Set.of("gauge", "sum", "histogram", "exponentialHistogram", "summary");

    /** The reasons of §1, §2.2 and §6, written out here so that a new code in the product must be added by hand. */
    private static final Set<String> BUNDLE_REASONS = Set.of("bundle.malformed_json", "bundle.invalid",
            "bundle.too_large", "bundle.bad_envelope", "bundle.internal_error");
    private static final Set<String> POINT_REASONS = Set.of("point.no_metric_name", "point.invalid",
            "point.bad_time", "point.no_value", "row.too_large");

    private static final Pattern ROW_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern BUNDLE_ID = Pattern.compile("[0-9a-f]{24}");
    private static final Pattern DT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern HOUR = Pattern.compile("[0-9]{2}");

    private FanOutInvariants() {
    }

    /** Checks one bundle's outcome; {@code maxRowBytes} is the configured row limit. */
    public static void check(BundleOutcome outcome, int maxRowBytes) {
        if (outcome.bundleDead()) {
            require(outcome.rowCount() == 0 && outcome.pointsWalked() == 0 && outcome.deadLetters().size() == 1, () ->
                    "a dead bundle has one dead letter, no rows and no points: " + outcome);
            checkDeadLetter(outcome.deadLetters().getFirst(), RejectionReason.Kind.BUNDLE);
            return;
        }
        require(outcome.pointsWalked() == outcome.rowCount() + outcome.deadLetters().size(), () ->
                "points " + outcome.pointsWalked() + " != rows " + outcome.rowCount() + " + rejected "
                        + outcome.deadLetters().size());
        String bundleId = null;
        for (EncodedRow row : outcome.rows()) {
            String id = checkRow(row, maxRowBytes);
            require(bundleId == null || bundleId.equals(id), () -> "rows of one bundle with two bundle ids: " + row.rowId());
            bundleId = id;
        }
        for (DeadLetter letter : outcome.deadLetters()) {
            checkDeadLetter(letter, RejectionReason.Kind.POINT);
        }
    }

    /** Checks one row; returns its bundle id. */
    public static String checkRow(EncodedRow row, int maxRowBytes) {
        byte[] json = row.json().bytes();
        require(json.length <= maxRowBytes, () -> "a row of " + json.length + " bytes, over the limit of " + maxRowBytes);
        boolean oneLine = true;
        for (byte b : json) {
            oneLine &= b != '\n' && b != '\r';
        }
        require(oneLine, () -> "a row with a line break: " + row.json().asUtf8());
        JsonNode node = JsonValues.parse(json);
        require(node.isObject(), () -> "a row that is not a JSON object: " + row.json().asUtf8());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        int last = -1;
        for (String key : keys) {
            int at = ROW_KEYS.indexOf(key);
            require(at >= 0, () -> "a row key the spec does not name: " + key + " in " + row.json().asUtf8());
            require(at > last, () -> "row keys out of the spec's order at " + key + ": " + keys);
            last = at;
        }
        require(keys.containsAll(REQUIRED_ROW_KEYS), () -> "a row without a required key: " + keys);
        require(node.get("schemaVersion").isInt() && node.get("schemaVersion").intValue() == 1, () -> "schemaVersion != 1");
        require(node.get("rowId").isTextual() && ROW_ID.matcher(node.get("rowId").textValue()).matches()
                && node.get("rowId").textValue().equals(row.rowId()), () -> "rowId " + node.get("rowId") + " vs " + row.rowId());
        require(node.get("orgId").isTextual() && node.get("metric").isTextual(), () -> "orgId and metric are strings");
        require(TYPES.contains(node.get("type").asText()), () -> "type " + node.get("type"));
        require(node.get("timeUnixNano").isIntegralNumber() && node.get("tsUnixMs").isIntegralNumber(), () ->
                "times are integers");
        require(node.get("dt").isTextual() && DT.matcher(node.get("dt").textValue()).matches(), () -> "dt " + node.get("dt"));
        require(node.get("hour").isTextual() && HOUR.matcher(node.get("hour").textValue()).matches(), () ->
                "hour " + node.get("hour"));
        require(node.get("source").isObject(), () -> "source is an object");
        checkPartition(row, node);
        return row.rowId().substring(0, 24);
    }

    /**
     * §4.2: the partition the row sits in is the one the Firehose JQ reads from it,
     * {@code {orgid: (.partition.orgid // .orgId), metric: (.partition.metric // .metric), dt, hour}}, and
     * its segments are those of the raw values; {@code partition} is there exactly when one differs.
     */
    private static void checkPartition(EncodedRow row, JsonNode node) {
        String orgId = node.get("orgId").textValue();
        String metric = node.get("metric").textValue();
        JsonNode partition = node.get("partition");
        String jqOrg = partition != null && partition.hasNonNull("orgid") ? partition.get("orgid").asText() : orgId;
        String jqMetric = partition != null && partition.hasNonNull("metric") ? partition.get("metric").asText() : metric;
        PartitionKey key = row.partition();
        require(key.orgSegment().equals(jqOrg) && key.metricSegment().equals(jqMetric)
                && key.dt().equals(node.get("dt").textValue()) && key.hour().equals(node.get("hour").textValue()),
                () -> "row in " + key + " but its keys name " + jqOrg + "/" + jqMetric + "/" + node.get("dt") + "/"
                        + node.get("hour"));
        String orgSegment = PartitionSegments.segment(orgId);
        String metricSegment = PartitionSegments.segment(metric);
        require(jqOrg.equals(orgSegment) && jqMetric.equals(metricSegment), () ->
                "segments " + jqOrg + "/" + jqMetric + " but §4.2 gives " + orgSegment + "/" + metricSegment);
        boolean differs = !orgSegment.equals(orgId) || !metricSegment.equals(metric);
        require((partition != null) == differs, () -> "partition key present: " + (partition != null) + ", needed: " + differs);
    }

    /** Checks one dead letter of the given kind. */
    public static void checkDeadLetter(DeadLetter letter, RejectionReason.Kind kind) {
        require(letter.reason().kind() == kind, () -> "a " + letter.reason().kind() + " dead letter where a " + kind
                + " one belongs: " + letter.reason());
        JsonNode node = JsonValues.parse(letter.line().bytes());
        require(node.isObject(), () -> "a dead letter that is not a JSON object");
        require(node.path("schemaVersion").intValue() == 1, () -> "dead letter schemaVersion != 1");
        String reason = node.path("reason").asText();
        Set<String> allowed = kind == RejectionReason.Kind.BUNDLE ? BUNDLE_REASONS : POINT_REASONS;
        require(allowed.contains(reason), () -> "not a spec reason for a " + kind + ": " + reason);
        require(reason.equals(letter.reason().code()), () -> "the line's reason " + reason + " != " + letter.reason());
        require(node.path("kind").asText().equals(kind == RejectionReason.Kind.BUNDLE ? "bundle" : "point"), () ->
                "kind " + node.path("kind"));
        require(node.path("detail").isTextual() && node.path("path").isTextual() && node.path("source").isObject(), () ->
                "detail, path and source are there: " + letter.line().asUtf8());
        if (kind == RejectionReason.Kind.POINT) {
            require(node.path("rowId").isTextual() && ROW_ID.matcher(node.path("rowId").asText()).matches(), () ->
                    "a point dead letter has a row id");
        } else if (letter.reason() != RejectionReason.BUNDLE_BAD_ENVELOPE) {
            require(node.path("payloadBase64").isTextual(), () -> "a bundle dead letter keeps the bundle: " + letter.line().asUtf8());
        }
        // only a bad envelope has no bundle bytes, so no bundle id
        require(letter.reason() == RejectionReason.BUNDLE_BAD_ENVELOPE ? node.path("bundleId").isNull()
                : BUNDLE_ID.matcher(node.path("bundleId").asText()).matches(), () -> "bundleId " + node.path("bundleId"));
    }

    /** The message is built only when the promise is broken: these checks run for every row a fuzzer makes. */
    private static void require(boolean condition, Supplier<String> broken) {
        if (!condition) {
            throw new AssertionError(broken.get());
        }
    }
}
