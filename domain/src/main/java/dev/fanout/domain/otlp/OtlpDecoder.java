package dev.fanout.domain.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.fanout.domain.json.JsonBuffer;
import dev.fanout.domain.json.Utf8;
import dev.fanout.ports.RejectionReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes one OTLP/JSON metrics bundle (docs/row-event.md §1) in a single pass of Jackson's streaming parser into an
 * {@link OtlpBundle}, or rejects the whole bundle.
 *
 * <p>Key order in JSON is free ({@code scopeMetrics} may come before {@code resource}, a metric's
 * {@code name} after its data), so every object is read whole and resolved when it ends; failures are kept
 * with the object they belong to, and a last walk in the order of docs/row-event.md §1.5 picks the first
 * bundle-level one. The parser always reads to the end of the bytes: malformed JSON anywhere wins over an
 * invalid shape found earlier. Limits are enforced while parsing: nesting depth by Jackson's
 * {@link StreamReadConstraints} (its count matches the contract's, top-level value = 1), string length on every string and key, the point
 * count by no longer keeping points once past the limit.
 *
 * <p>Not thread-safe: it reuses its buffers from one bundle to the next. Use one per thread.
 */
public final class OtlpDecoder {

    private static final String NESTING_TOO_DEEP = "nesting too deep";
    private static final String STRING_TOO_LONG = "string too long";
    /** How deep the syntax-only rescan after a depth violation follows the nesting before giving up. */
    private static final int RESCAN_MAX_DEPTH = 100_000;
    /** {@code DataKind.values()} clones its array on every call; read once per metric, that showed in profiles. */
    private static final DataKind[] KINDS = DataKind.values();
    /** The scratch buffer's size kept between bundles; larger is given back after the bundle. */
    private static final int SCRATCH_KEPT_BYTES = 1 << 20;

    private final DecodeLimits limits;
    private final JsonFactory factory;
    private final JsonFactory rescanFactory;
    private final JsonCursor c;
    private final JsonBuffer scratch = new JsonBuffer(4096);
    private final AttributeReader attributes;
    private final PointReader points;
    private int pointsParsed;
    private int keepLimit;
    private boolean pointsDropped;

    /**
     * @param lookupKeys attribute keys whose string values the row needs (org key, profile keys); only these
     *                   are kept as strings besides the rendered JSON
     */
    public OtlpDecoder(DecodeLimits limits, Set<String> lookupKeys) {
        this.limits = limits;
        this.factory = new ArraySkippingParser.Factory(new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        // The exact check counts code points itself; these only stop absurd buffers early
                        // (a string of more than 2n UTF-16 units has more than n code points).
                        .maxStringLength(saturated(2L * limits.maxStringChars() + 2))
                        .maxNameLength(saturated(4L * limits.maxStringChars() + 4))
                        .maxNumberLength(Integer.MAX_VALUE)
                        .build())
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES));
        this.rescanFactory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(RESCAN_MAX_DEPTH)
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNameLength(Integer.MAX_VALUE)
                        .maxNumberLength(Integer.MAX_VALUE)
                        .build())
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
        this.c = new JsonCursor(limits.maxStringChars());
        this.attributes = new AttributeReader(c, scratch, lookupKeys);
        this.points = new PointReader(c, scratch, attributes);
    }

    private static int saturated(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    public DecodeResult decode(byte[] raw) {
        if (raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF) {
            // Jackson would skip it silently; docs/row-event.md §1.1 (UTF-8 JSON) refuses it.
            return malformed("unexpected UTF-8 byte order mark");
        }
        int invalidAt = Utf8.firstInvalid(raw, 0, raw.length);
        if (invalidAt >= 0) {
            return malformed("invalid UTF-8 at byte " + invalidAt);
        }
        DecodeResult result = parse(raw, limits.maxPoints());
        if (result instanceof DecodeResult.Decoded && pointsDropped) {
            // Only reachable when replaced keys or an ignored top-level scopeMetrics made the bundle look
            // larger than it is: parse again keeping every point (the byte limit still bounds the memory).
            result = parse(raw, Integer.MAX_VALUE);
        }
        scratch.resetAndShrink(SCRATCH_KEPT_BYTES);
        return result;
    }

    private DecodeResult parse(byte[] raw, int keepPoints) {
        pointsParsed = 0;
        keepLimit = keepPoints;
        pointsDropped = false;
        scratch.reset();
        Top top;
        try (JsonParser parser = factory.createParser(raw)) {
            c.start(parser, raw);
            if (parser.nextToken() == null) {
                return malformed("no JSON value");
            }
            top = readTop();
            if (parser.nextToken() != null) {
                return malformed("trailing content after the JSON value");
            }
        } catch (StreamConstraintsException e) {
            if (!wellFormed(raw)) {
                return malformed(e.getOriginalMessage());
            }
            String detail = e.getOriginalMessage().contains("nesting depth") ? NESTING_TOO_DEEP : STRING_TOO_LONG;
            return invalid(new Failure("$", detail));
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return malformed(message);
        }
        if (c.limitViolation() != null) {
            return invalid(new Failure("$", c.limitViolation()));
        }
        return top.resolve();
    }

    /** After a limit stopped the parser: whether the bytes are one well-formed JSON value all the same. */
    private boolean wellFormed(byte[] raw) {
        try (JsonParser parser = rescanFactory.createParser(raw)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (StreamConstraintsException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static DecodeResult malformed(String detail) {
        String text = detail == null ? "malformed JSON" : detail;
        return new DecodeResult.Rejected(RejectionReason.BUNDLE_MALFORMED_JSON,
                new Failure("$", text.length() > 200 ? text.substring(0, 200) : text));
    }

    private static DecodeResult invalid(Failure failure) {
        return new DecodeResult.Rejected(RejectionReason.BUNDLE_INVALID, failure);
    }

    // ------------------------------------------------------------------ the structure

    /** The top-level value, read whole: both the wrapper's key and a bare ResourceMetrics' keys. */
    private final class Top {
        Failure notObject;
        boolean nullValue;
        boolean wrapperPresent;
        Failure wrapperFailure;
        List<ResourceBlock> resources = List.of();
        final ResourceFields bare = new ResourceFields();

        DecodeResult resolve() {
            if (notObject != null) {
                return invalid(notObject);
            }
            List<ResourceBlock> chosen;
            boolean isBare;
            if (!nullValue && wrapperPresent) {
                if (wrapperFailure != null) {
                    return invalid(wrapperFailure);
                }
                chosen = resources;
                isBare = false;
            } else if (!nullValue && (bare.resourcePresent || bare.scopesPresent)) {
                chosen = List.of(bare.build());
                isBare = true;
            } else {
                return invalid(new Failure("$", "not a metrics bundle"));
            }
            OtlpBundle bundle = new OtlpBundle(chosen, isBare);
            DecodeResult rejected = firstBundleFailure(bundle);
            return rejected != null ? rejected : new DecodeResult.Decoded(bundle);
        }
    }

    private Top readTop() throws IOException {
        Top top = new Top();
        if (c.isNull()) {
            top.nullValue = true;
            return top;
        }
        if (!c.isObject()) {
            top.notObject = c.wrongType(null, JsonCursor.EXPECTED_OBJECT);
            return top;
        }
        while (c.nextField()) {
            switch (c.key()) {
                case "resourceMetrics" -> readWrapper(top);
                case "resource" -> top.bare.readResource();
                case "scopeMetrics" -> top.bare.readScopes();
                default -> c.skip();
            }
        }
        return top;
    }

    private void readWrapper(Top top) throws IOException {
        top.wrapperFailure = null;
        top.resources = List.of();
        top.wrapperPresent = !c.isNull();
        if (c.isNull()) {
            return;
        }
        if (!c.isArray()) {
            top.wrapperFailure = c.wrongType("resourceMetrics", JsonCursor.EXPECTED_ARRAY);
            return;
        }
        List<ResourceBlock> list = new ArrayList<>(2);
        c.enterArray("resourceMetrics");
        while (c.nextElement()) {
            list.add(readResourceMetrics());
        }
        top.resources = list;
    }

    private ResourceBlock readResourceMetrics() throws IOException {
        if (c.isNull()) {
            return new ResourceBlock(null, RenderedAttributes.EMPTY, List.of());
        }
        if (!c.isObject()) {
            return new ResourceBlock(c.wrongType(null, JsonCursor.EXPECTED_OBJECT), RenderedAttributes.EMPTY,
                    List.of());
        }
        ResourceFields fields = new ResourceFields();
        while (c.nextField()) {
            switch (c.key()) {
                case "resource" -> fields.readResource();
                case "scopeMetrics" -> fields.readScopes();
                default -> c.skip();
            }
        }
        return fields.build();
    }

    /** The keys of one ResourceMetrics object, as they arrive. */
    private final class ResourceFields {
        boolean resourcePresent;
        Failure resourceFailure;
        RenderedAttributes attributes = RenderedAttributes.EMPTY;
        boolean scopesPresent;
        Failure scopesFailure;
        List<ScopeBlock> scopes = List.of();

        void readResource() throws IOException {
            resourcePresent = !c.isNull();
            resourceFailure = null;
            attributes = RenderedAttributes.EMPTY;
            if (c.isNull()) {
                return;
            }
            if (!c.isObject()) {
                resourceFailure = c.wrongType("resource", JsonCursor.EXPECTED_OBJECT);
                return;
            }
            c.path().push("resource");
            while (c.nextField()) {
                if (c.key().equals("attributes")) {
                    resourceFailure = OtlpDecoder.this.attributes.read("attributes");
                    attributes = OtlpDecoder.this.attributes.attributes;
                } else {
                    c.skip();
                }
            }
            c.path().pop();
        }

        void readScopes() throws IOException {
            scopesPresent = !c.isNull();
            scopesFailure = null;
            scopes = List.of();
            if (c.isNull()) {
                return;
            }
            if (!c.isArray()) {
                scopesFailure = c.wrongType("scopeMetrics", JsonCursor.EXPECTED_ARRAY);
                return;
            }
            List<ScopeBlock> list = new ArrayList<>();
            c.enterArray("scopeMetrics");
            while (c.nextElement()) {
                list.add(readScopeMetrics());
            }
            scopes = list;
        }

        ResourceBlock build() {
            Failure pre = resourceFailure != null ? resourceFailure : scopesFailure;
            return new ResourceBlock(pre, attributes, scopes);
        }
    }

    private ScopeBlock readScopeMetrics() throws IOException {
        if (c.isNull()) {
            return new ScopeBlock(null, null, null, RenderedAttributes.EMPTY, List.of());
        }
        if (!c.isObject()) {
            return new ScopeBlock(c.wrongType(null, JsonCursor.EXPECTED_OBJECT), null, null,
                    RenderedAttributes.EMPTY, List.of());
        }
        Failure scopeFailure = null;
        String name = null;
        String version = null;
        RenderedAttributes scopeAttributes = RenderedAttributes.EMPTY;
        Failure metricsFailure = null;
        List<MetricBlock> metrics = List.of();
        JsonPath path = c.path();
        while (c.nextField()) {
            switch (c.key()) {
                case "scope" -> {
                    scopeFailure = null;
                    name = null;
                    version = null;
                    scopeAttributes = RenderedAttributes.EMPTY;
                    if (c.isNull()) {
                        continue;
                    }
                    if (!c.isObject()) {
                        scopeFailure = c.wrongType("scope", JsonCursor.EXPECTED_OBJECT);
                        continue;
                    }
                    Failure nameFailure = null;
                    Failure versionFailure = null;
                    Failure attributesFailure = null;
                    path.push("scope");
                    while (c.nextField()) {
                        switch (c.key()) {
                            case "name" -> {
                                nameFailure = c.readString("name");
                                name = c.stringValue;
                            }
                            case "version" -> {
                                versionFailure = c.readString("version");
                                version = c.stringValue;
                            }
                            case "attributes" -> {
                                attributesFailure = attributes.read("attributes");
                                scopeAttributes = attributes.attributes;
                            }
                            default -> c.skip();
                        }
                    }
                    path.pop();
                    scopeFailure = first(nameFailure, versionFailure, attributesFailure);
                }
                case "metrics" -> {
                    metricsFailure = null;
                    metrics = List.of();
                    if (c.isNull()) {
                        continue;
                    }
                    if (!c.isArray()) {
                        metricsFailure = c.wrongType("metrics", JsonCursor.EXPECTED_ARRAY);
                        continue;
                    }
                    List<MetricBlock> list = new ArrayList<>();
                    c.enterArray("metrics");
                    while (c.nextElement()) {
                        list.add(readMetric());
                    }
                    metrics = list;
                }
                default -> c.skip();
            }
        }
        Failure pre = scopeFailure != null ? scopeFailure : metricsFailure;
        return new ScopeBlock(pre, name, version, scopeAttributes, metrics);
    }

    private static Failure first(Failure a, Failure b, Failure c) {
        return a != null ? a : b != null ? b : c;
    }

    /** One data field of a metric ({@code gauge}, {@code sum}, …) as read. */
    private record DataField(Failure failure, int temporality, boolean monotonic, int pointCount,
                             List<DataPoint> points) {
    }

    private MetricBlock readMetric() throws IOException {
        if (c.isNull()) {
            return new MetricBlock(null, null, null, null, null, 0, false, 0, List.of());
        }
        if (!c.isObject()) {
            return new MetricBlock(c.wrongType(null, JsonCursor.EXPECTED_OBJECT), null, null, null, null, 0, false,
                    0, List.of());
        }
        String name = null;
        String unit = null;
        String description = null;
        Failure nameFailure = null;
        Failure unitFailure = null;
        Failure descriptionFailure = null;
        DataField[] data = null;
        for (String key = null; c.nextField(LikelyKeys.inMetricAfter(key)); ) {
            key = c.key();
            switch (key) {
                case "name" -> {
                    nameFailure = c.readString(key);
                    name = c.stringValue;
                }
                case "unit" -> {
                    unitFailure = c.readString(key);
                    unit = c.stringValue;
                }
                case "description" -> {
                    descriptionFailure = c.readString(key);
                    description = c.stringValue;
                }
                default -> {
                    DataKind kind = DataKind.ofKey(key);
                    if (kind == null) {
                        c.skip();
                    } else {
                        if (data == null) {
                            data = new DataField[KINDS.length];
                        }
                        data[kind.ordinal()] = readData(kind);
                    }
                }
            }
        }
        Failure pre = first(nameFailure, unitFailure, descriptionFailure);
        DataKind kind = null;
        DataField field = null;
        int kinds = 0;
        if (data != null) {
            for (DataKind k : KINDS) {
                if (data[k.ordinal()] != null) {
                    kinds++;
                    if (kind == null) {
                        kind = k;
                        field = data[k.ordinal()];
                    }
                }
            }
        }
        if (kinds == 0) {
            return new MetricBlock(pre, name, unit, description, null, 0, false, 0, List.of());
        }
        if (pre == null && kinds > 1) {
            pre = c.fail(null, "more than one data field");
        }
        if (pre == null) {
            pre = field.failure();
        }
        return new MetricBlock(pre, name, unit, description, kind, field.temporality(), field.monotonic(),
                field.pointCount(), field.points());
    }

    /** Reads the value of a data key; null when it is JSON null (the key then counts as absent). */
    private DataField readData(DataKind kind) throws IOException {
        if (c.isNull()) {
            return null;
        }
        String key = kind.wireName();
        if (!c.isObject()) {
            return new DataField(c.wrongType(key, JsonCursor.EXPECTED_OBJECT), 0, false, 0, List.of());
        }
        JsonPath path = c.path();
        path.push(key);
        Failure temporalityFailure = null;
        Failure monotonicFailure = null;
        Failure pointsFailure = null;
        int temporality = 0;
        boolean monotonic = false;
        int pointCount = 0;
        List<DataPoint> list = List.of();
        for (String field = null; c.nextField(LikelyKeys.inDataAfter(field)); ) {
            field = c.key();
            switch (field) {
                case "aggregationTemporality" -> {
                    temporalityFailure = c.readTemporality("aggregationTemporality");
                    temporality = (int) c.longValue;
                }
                case "isMonotonic" -> {
                    monotonicFailure = c.readBoolean("isMonotonic");
                    monotonic = c.booleanValue;
                }
                case "dataPoints" -> {
                    pointsFailure = null;
                    pointCount = 0;
                    list = List.of();
                    if (c.isNull()) {
                        continue;
                    }
                    if (!c.isArray()) {
                        pointsFailure = c.wrongType("dataPoints", JsonCursor.EXPECTED_ARRAY);
                        continue;
                    }
                    list = new ArrayList<>(2);
                    c.enterArray("dataPoints");
                    while (c.nextElement()) {
                        pointCount++;
                        if (++pointsParsed <= keepLimit) {
                            list.add(points.read(kind));
                        } else {
                            // Past the limit the bundle is too large unless keys were replaced: only count.
                            pointsDropped = true;
                            c.skip();
                        }
                    }
                }
                default -> c.skip();
            }
        }
        path.pop();
        Failure failure = first(temporalityFailure, monotonicFailure, pointsFailure);
        return new DataField(failure, temporality, monotonic, pointCount, list);
    }

    // ------------------------------------------------------------------ the contract's walk (§1.5)

    /** The first bundle-level failure in the walk order of docs/row-event.md §1.5, including the point-count limit. */
    private DecodeResult firstBundleFailure(OtlpBundle bundle) {
        long ordinal = 0;
        List<ResourceBlock> resources = bundle.resources();
        for (int r = 0; r < resources.size(); r++) {
            ResourceBlock resource = resources.get(r);
            if (resource.preError() != null) {
                return invalid(resource.preError());
            }
            List<ScopeBlock> scopes = resource.scopes();
            for (int s = 0; s < scopes.size(); s++) {
                ScopeBlock scope = scopes.get(s);
                if (scope.preError() != null) {
                    return invalid(scope.preError());
                }
                List<MetricBlock> metrics = scope.metrics();
                for (int m = 0; m < metrics.size(); m++) {
                    MetricBlock metric = metrics.get(m);
                    if (metric.preError() != null) {
                        return invalid(metric.preError());
                    }
                    if (metric.kind() == null) {
                        continue;
                    }
                    if (ordinal + metric.pointCount() > limits.maxPoints()) {
                        String path = bundle.resourcePath(r) + ".scopeMetrics[" + s + "].metrics[" + m + "]."
                                + metric.kind().wireName();
                        return new DecodeResult.Rejected(RejectionReason.BUNDLE_TOO_LARGE,
                                new Failure(path, "too many data points"));
                    }
                    ordinal += metric.pointCount();
                }
            }
        }
        return null;
    }
}
