package dev.fanout.domain.row;

import dev.fanout.domain.json.JsonBuffer;
import dev.fanout.domain.otlp.DataPoint;
import dev.fanout.domain.otlp.MetricBlock;
import dev.fanout.domain.otlp.OtlpBundle;
import dev.fanout.domain.otlp.RenderedAttributes;
import dev.fanout.domain.otlp.ResourceBlock;
import dev.fanout.domain.otlp.ScopeBlock;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.RowBatch;
import dev.fanout.ports.in.BundleOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a decoded bundle into rows and point rejections (docs/row-event.md §2–§5): walks the points in order, numbers
 * them, applies the rejection precedence ({@code point.no_metric_name}, {@code point.invalid},
 * {@code point.bad_time}, {@code point.no_value}, {@code row.too_large}), resolves the configured fields
 * and encodes every other point once into its row bytes.
 *
 * <p>Whatever many rows share is prepared once: the resource and scope JSON, each metric's header, the
 * source, the org id's JSON and segment, the UTC hour. Not thread-safe (reused buffers and caches): use one
 * per thread.
 */
public final class RowFlattener {

    private static final String UNKNOWN_ORG = "_unknown";
    private static final int CACHE_LIMIT = 4096;
    /** Rows up to the default record limit fit; a larger limit's buffer is given back after the bundle. */
    private static final int ROW_BUFFER_KEPT_BYTES = 1 << 20;

    private final RowSettings settings;
    private final ProfileField[] profile;
    private final String orgKey;
    private final OrgId constantOrg;
    private final JsonBuffer row = new JsonBuffer(8192);
    private final BoundedCache<String, OrgId> orgs = new BoundedCache<>(CACHE_LIMIT);
    private final BoundedCache<PartitionCacheKey, PartitionKey> partitions = new BoundedCache<>(CACHE_LIMIT);
    // The partition object depends on the two segments only, not on the hour.
    private final BoundedCache<SegmentPair, byte[]> partitionJson = new BoundedCache<>(CACHE_LIMIT);
    // Profile values read from points (the lmdp instance, wildValue) repeat across an instance's points.
    private final BoundedCache<String, byte[]> jsonStrings = new BoundedCache<>(CACHE_LIMIT);
    /** By metric name: the same names come back in every poll, rendered and segmented once. */
    private final BoundedCache<String, RowWriter.MetricParts> metricParts = new BoundedCache<>(CACHE_LIMIT);
    private UtcHour lastHour = UtcHour.of(0);

    public RowFlattener(RowSettings settings) {
        this.settings = settings;
        RowProfile p = settings.profile();
        this.profile = new ProfileField[] {p.deviceId(), p.host(), p.datasource(), p.instance()};
        this.orgKey = settings.orgKey().orElse(null);
        this.constantOrg = settings.orgId().map(OrgId::of).orElse(null);
    }

    /** The org id of a row with its JSON and partition segment, computed once per distinct value. */
    private record OrgId(String value, String segment, byte[] json) {
        static OrgId of(String value) {
            JsonBuffer out = new JsonBuffer(value.length() + 2);
            out.writeString(value);
            return new OrgId(value, PartitionSegments.segment(value), out.toByteArray());
        }
    }

    /*
     * The two cache keys below are looked up once per row. A record's generated equals and hashCode go through
     * an invokedynamic bootstrap (ObjectMethods) that C1, the launcher's only JIT, cannot inline: written out,
     * the lookups cost a quarter as much (docs/performance.md). The segments usually come from the same
     * cached strings, so identity is tried before equals.
     */
    private record PartitionCacheKey(String orgSegment, String metricSegment, long epochHour) {
        @Override
        public boolean equals(Object other) {
            return other instanceof PartitionCacheKey that && epochHour == that.epochHour
                    && same(orgSegment, that.orgSegment) && same(metricSegment, that.metricSegment);
        }

        @Override
        public int hashCode() {
            return (orgSegment.hashCode() * 31 + metricSegment.hashCode()) * 31 + Long.hashCode(epochHour);
        }
    }

    private record SegmentPair(String orgSegment, String metricSegment) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SegmentPair that
                    && same(orgSegment, that.orgSegment) && same(metricSegment, that.metricSegment);
        }

        @Override
        public int hashCode() {
            return orgSegment.hashCode() * 31 + metricSegment.hashCode();
        }
    }

    private static boolean same(String a, String b) {
        return a == b || a.equals(b);
    }

    /**
     * Flattens {@code bundle}: each row is encoded once, into this flattener's buffer, and added to
     * {@code rows} from there (which copies it where it will be written from); the outcome counts the rows
     * added and holds the rejected points.
     */
    public BundleOutcome flatten(OtlpBundle bundle, BundleId bundleId, Provenance source,
                                 DeadLetterEncoder deadLetters, RowBatch rows) {
        int added = 0;
        byte[] bundleIdHex = JsonBuffer.ascii(bundleId.hex());
        JsonBuffer sourceOut = new JsonBuffer(96);
        sourceOut.writeAscii(",\"source\":");
        SourceJson.write(source, sourceOut);
        byte[] sourceJson = sourceOut.toByteArray();
        List<DeadLetter> rejected = new ArrayList<>(0);
        byte[][] fields = new byte[RowWriter.FIELD_COUNT][];
        int ordinal = 0;
        List<ResourceBlock> resources = bundle.resources();
        for (int r = 0; r < resources.size(); r++) {
            ResourceBlock resource = resources.get(r);
            RenderedAttributes resourceAttributes = resource.attributes();
            OrgId resourceOrg = constantOrg != null ? constantOrg : lookupOrg(resourceAttributes);
            byte[][] resourceFields = fieldsFrom(ProfileField.Origin.RESOURCE, resourceAttributes, null);
            List<ScopeBlock> scopes = resource.scopes();
            for (int s = 0; s < scopes.size(); s++) {
                ScopeBlock scope = scopes.get(s);
                byte[] scopeJson = scopeJson(scope);
                byte[][] scopeFields = fieldsFrom(ProfileField.Origin.SCOPE_NAME, null, scope.name());
                List<MetricBlock> metrics = scope.metrics();
                for (int m = 0; m < metrics.size(); m++) {
                    MetricBlock metric = metrics.get(m);
                    if (metric.kind() == null) {
                        continue;
                    }
                    boolean named = metric.name() != null && !metric.name().isEmpty();
                    RowWriter.MetricParts parts = named ? metricParts(metric) : null;
                    List<DataPoint> points = metric.points();
                    for (int i = 0; i < points.size(); i++) {
                        DataPoint point = points.get(i);
                        int pointOrdinal = ordinal++;
                        RejectionReason reason;
                        String path = null;
                        String detail;
                        if (!named) {
                            reason = RejectionReason.POINT_NO_METRIC_NAME;
                            detail = "metric has no name";
                        } else if (point.invalid() != null) {
                            reason = RejectionReason.POINT_INVALID;
                            path = point.invalid().path();
                            detail = point.invalid().detail();
                        } else if (point.timeUnixNano() == 0) {
                            reason = RejectionReason.POINT_BAD_TIME;
                            detail = "timeUnixNano absent or 0";
                        } else if (metric.kind().isNumber() && point.valueKind() == DataPoint.ValueKind.NONE
                                && (point.flags() & 1) == 0) {
                            reason = RejectionReason.POINT_NO_VALUE;
                            detail = "no asDouble/asInt";
                        } else {
                            OrgId org = resourceOrg != null ? resourceOrg : pointOrg(point.attributes());
                            for (int f = 0; f < RowWriter.FIELD_COUNT; f++) {
                                fields[f] = resourceFields[f] != null ? resourceFields[f]
                                        : scopeFields[f] != null ? scopeFields[f]
                                        : profile[f].origin() == ProfileField.Origin.POINT
                                        ? pick(profile[f], point.attributes()) : null;
                            }
                            long tsUnixMs = Long.divideUnsigned(point.timeUnixNano(), 1_000_000L);
                            UtcHour hour = hourOf(tsUnixMs);
                            PartitionCacheKey key = new PartitionCacheKey(org.segment(), parts.segment(),
                                    hour.epochHour());
                            boolean differs = !org.segment().equals(org.value())
                                    || !parts.segment().equals(parts.name());
                            RowWriter.write(row, bundleIdHex, pointOrdinal, org.json(), fields, parts, point, hour,
                                    tsUnixMs, resourceAttributes.json(), scopeJson, sourceJson,
                                    differs ? partitionJson(org.segment(), parts.segment()) : null);
                            if (row.size() <= settings.maxRowBytes()) {
                                String rowId = new String(row.array(), RowWriter.ROW_ID_OFFSET, RowWriter.ROW_ID_LENGTH,
                                        StandardCharsets.ISO_8859_1);
                                rows.add(rowId, partitionKey(key, hour), row.array(), 0, row.size());
                                added++;
                                continue;
                            }
                            reason = RejectionReason.ROW_TOO_LARGE;
                            detail = "encoded row larger than the record limit";
                        }
                        if (path == null) {
                            path = bundle.resourcePath(r) + ".scopeMetrics[" + s + "].metrics[" + m + "]."
                                    + metric.kind().wireName() + ".dataPoints[" + i + "]";
                        }
                        rejected.add(deadLetters.point(reason, path, detail, bundleId, source,
                                bundleId.rowId(pointOrdinal)));
                    }
                }
            }
        }
        row.resetAndShrink(ROW_BUFFER_KEPT_BYTES);
        return new BundleOutcome(false, ordinal, List.of(), added, rejected);
    }

    private OrgId lookupOrg(RenderedAttributes attributes) {
        if (orgKey == null) {
            return null;
        }
        String value = attributes.stringValue(orgKey);
        return value == null ? null : org(value);
    }

    private OrgId pointOrg(RenderedAttributes attributes) {
        OrgId found = lookupOrg(attributes);
        return found != null ? found : org(UNKNOWN_ORG);
    }

    private OrgId org(String value) {
        OrgId org = orgs.get(value);
        return org != null ? org : orgs.put(value, OrgId.of(value));
    }

    /** The values of the profile fields that come from {@code origin}, as JSON strings (null when absent). */
    private byte[][] fieldsFrom(ProfileField.Origin origin, RenderedAttributes attributes, String scopeName) {
        byte[][] out = new byte[RowWriter.FIELD_COUNT][];
        for (int f = 0; f < RowWriter.FIELD_COUNT; f++) {
            if (profile[f].origin() != origin) {
                continue;
            }
            if (origin == ProfileField.Origin.SCOPE_NAME) {
                out[f] = scopeName == null || scopeName.isEmpty() ? null : jsonString(scopeName);
            } else {
                out[f] = pick(profile[f], attributes);
            }
        }
        return out;
    }

    private byte[] pick(ProfileField field, RenderedAttributes attributes) {
        for (String key : field.keys()) {
            String value = attributes.stringValue(key);
            if (value != null) {
                return jsonString(value);
            }
        }
        return null;
    }

    private byte[] jsonString(String value) {
        byte[] json = jsonStrings.get(value);
        if (json != null) {
            return json;
        }
        JsonBuffer out = new JsonBuffer(value.length() + 2);
        out.writeString(value);
        return jsonStrings.put(value, out.toByteArray());
    }

    /** The scope object {@code {"name","version","attributes"}} without its empty parts; null when all are. */
    private static byte[] scopeJson(ScopeBlock scope) {
        boolean hasName = scope.name() != null && !scope.name().isEmpty();
        boolean hasVersion = scope.version() != null && !scope.version().isEmpty();
        boolean hasAttributes = !scope.attributes().isEmpty();
        if (!hasName && !hasVersion && !hasAttributes) {
            return null;
        }
        JsonBuffer out = new JsonBuffer(128);
        out.writeByte('{');
        String separator = "";
        if (hasName) {
            out.writeAscii("\"name\":");
            out.writeString(scope.name());
            separator = ",";
        }
        if (hasVersion) {
            out.writeAscii(separator + "\"version\":");
            out.writeString(scope.version());
            separator = ",";
        }
        if (hasAttributes) {
            out.writeAscii(separator + "\"attributes\":");
            out.writeBytes(scope.attributes().json());
        }
        out.writeByte('}');
        return out.toByteArray();
    }

    private UtcHour hourOf(long tsUnixMs) {
        long epochHour = UtcHour.epochHourOf(tsUnixMs);
        if (epochHour != lastHour.epochHour()) {
            lastHour = UtcHour.of(epochHour);
        }
        return lastHour;
    }

    private RowWriter.MetricParts metricParts(MetricBlock metric) {
        RowWriter.MetricParts parts = metricParts.get(metric.name());
        if (parts != null && parts.madeFrom(metric.unit(), metric.description(), metric.kind(), metric.temporality(),
                metric.monotonic())) {
            return parts;
        }
        return metricParts.put(metric.name(), RowWriter.MetricParts.of(metric.name(), metric.unit(),
                metric.description(), metric.kind(), metric.temporality(), metric.monotonic()));
    }

    private PartitionKey partitionKey(PartitionCacheKey key, UtcHour hour) {
        PartitionKey partition = partitions.get(key);
        return partition != null ? partition
                : partitions.put(key, new PartitionKey(key.orgSegment(), key.metricSegment(), hour.dt(), hour.hour()));
    }

    private byte[] partitionJson(String orgSegment, String metricSegment) {
        SegmentPair key = new SegmentPair(orgSegment, metricSegment);
        byte[] json = partitionJson.get(key);
        return json != null ? json : partitionJson.put(key, RowWriter.partitionJson(orgSegment, metricSegment));
    }
}
