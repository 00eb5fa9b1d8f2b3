package dev.fanout.domain.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.domain.json.JsonBuffer;
import dev.fanout.ports.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpDecoderTest {

    private static final String POINT = "{\"timeUnixNano\":\"1\",\"asInt\":1}";

    private static DecodeResult decode(DecodeLimits limits, byte[] json) {
        return new OtlpDecoder(limits, Set.of()).decode(json);
    }

    private static DecodeResult decode(String json) {
        return decode(DecodeLimits.defaults(), json.getBytes(StandardCharsets.UTF_8));
    }

    private static DecodeResult decode(DecodeLimits limits, String json) {
        return decode(limits, json.getBytes(StandardCharsets.UTF_8));
    }

    private static DecodeResult.Rejected rejected(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        return (DecodeResult.Rejected) result;
    }

    private static OtlpBundle decoded(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) result).bundle();
    }

    /** A wrapper bundle whose unknown key {@code x} holds arrays nested so that the whole has {@code depth}. */
    private static String nestedTo(int depth) {
        int arrays = depth - 1;
        return "{\"resourceMetrics\":[],\"x\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}";
    }

    private static String gauges(int... pointsPerMetric) {
        StringBuilder metrics = new StringBuilder();
        for (int m = 0; m < pointsPerMetric.length; m++) {
            if (m > 0) {
                metrics.append(',');
            }
            metrics.append("{\"name\":\"m").append(m).append("\",\"gauge\":{\"dataPoints\":[");
            for (int p = 0; p < pointsPerMetric[m]; p++) {
                metrics.append(p > 0 ? "," : "").append(POINT);
            }
            metrics.append("]}}");
        }
        return "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[" + metrics + "]}]}]}";
    }

    // ------------------------------------------------------------------ depth

    @Test
    void decode_acceptsNestingOfExactlyTheLimit_countingTheTopLevelValueAsOne() {
        // given
        String json = nestedTo(64);

        // when
        DecodeResult result = decode(json);

        // then
        assertThat(decoded(result).resources()).isEmpty();
    }

    @Test
    void decode_rejectsTheBundleAsInvalid_whenNestingIsOneDeeperThanTheLimit() {
        // given
        String json = nestedTo(65);

        // when
        DecodeResult.Rejected rejected = rejected(decode(json));

        // then
        assertThat(rejected.reason()).isEqualTo(RejectionReason.BUNDLE_INVALID);
        assertThat(rejected.failure()).isEqualTo(new Failure("$", "nesting too deep"));
    }

    @Test
    void decode_reportsMalformedJson_whenTooDeepBytesAreAlsoBrokenLaterOn() {
        // given
        String json = nestedTo(65) + " trailing";

        // when
        DecodeResult.Rejected rejected = rejected(decode(json));

        // then
        assertThat(rejected.reason()).isEqualTo(RejectionReason.BUNDLE_MALFORMED_JSON);
    }

    @Test
    void decode_usesTheConfiguredDepth() {
        // given
        DecodeLimits limits = new DecodeLimits(3, 10, 100);

        // when
        DecodeResult atLimit = decode(limits, nestedTo(3));
        DecodeResult pastLimit = decode(limits, nestedTo(4));

        // then
        decoded(atLimit);
        assertThat(rejected(pastLimit).reason()).isEqualTo(RejectionReason.BUNDLE_INVALID);
    }

    // ------------------------------------------------------------------ strings

    @Test
    void decode_acceptsAStringOfExactlyTheLimit_andRejectsOneCharacterMore() {
        // given: 20 characters, enough for the key "resourceMetrics" (15)
        DecodeLimits limits = new DecodeLimits(64, 10, 20);
        String atLimit = "{\"resourceMetrics\":[],\"x\":\"" + "a".repeat(20) + "\"}";
        String pastLimit = "{\"resourceMetrics\":[],\"x\":\"" + "a".repeat(21) + "\"}";

        // when
        DecodeResult ok = decode(limits, atLimit);
        DecodeResult.Rejected tooLong = rejected(decode(limits, pastLimit));

        // then
        decoded(ok);
        assertThat(tooLong.reason()).isEqualTo(RejectionReason.BUNDLE_INVALID);
        assertThat(tooLong.failure()).isEqualTo(new Failure("$", "string too long"));
    }

    @Test
    void decode_countsCodePoints_notUtf16Units() {
        // given: twenty emoji are forty UTF-16 units but twenty characters
        DecodeLimits limits = new DecodeLimits(64, 10, 20);
        String json = "{\"resourceMetrics\":[],\"x\":\"" + "\uD83D\uDE00".repeat(20) + "\"}";

        // when
        DecodeResult result = decode(limits, json);

        // then
        decoded(result);
    }

    @Test
    void decode_checksKeysAndStringsInsideSkippedSubtrees() {
        // given
        DecodeLimits limits = new DecodeLimits(64, 10, 20);
        String longKey = "{\"resourceMetrics\":[],\"x\":{\"" + "k".repeat(21) + "\":1}}";
        String deepString = "{\"resourceMetrics\":[],\"x\":[[{\"a\":[\"" + "s".repeat(21) + "\"]}]]}";
        String escaped = "{\"resourceMetrics\":[],\"x\":\"" + "\\u0041".repeat(21) + "\"}";
        String inAttribute = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"" + "k".repeat(21)
                + "\"}]}}]}";

        // when / then
        assertThat(rejected(decode(limits, longKey)).failure()).isEqualTo(new Failure("$", "string too long"));
        assertThat(rejected(decode(limits, deepString)).failure()).isEqualTo(new Failure("$", "string too long"));
        assertThat(rejected(decode(limits, escaped)).failure()).isEqualTo(new Failure("$", "string too long"));
        assertThat(rejected(decode(limits, inAttribute)).failure()).isEqualTo(new Failure("$", "string too long"));
    }

    @Test
    void decode_reportsMalformedJson_whenAStringIsTooLongAndTheBytesAreBrokenLater() {
        // given
        DecodeLimits limits = new DecodeLimits(64, 10, 20);
        String json = "{\"resourceMetrics\":[],\"x\":\"" + "a".repeat(50) + "\"";

        // when
        DecodeResult.Rejected rejected = rejected(decode(limits, json));

        // then
        assertThat(rejected.reason()).isEqualTo(RejectionReason.BUNDLE_MALFORMED_JSON);
    }

    // ------------------------------------------------------------------ points

    @Test
    void decode_acceptsExactlyTheMaximumNumberOfPoints() {
        // given
        DecodeLimits limits = new DecodeLimits(64, 3, 100);

        // when
        OtlpBundle bundle = decoded(decode(limits, gauges(2, 1)));

        // then
        assertThat(bundle.resources().getFirst().scopes().getFirst().metrics())
                .extracting(MetricBlock::pointCount).containsExactly(2, 1);
    }

    @Test
    void decode_rejectsTheBundleAsTooLarge_atTheMetricWhereTheCountPassesTheLimit() {
        // given
        DecodeLimits limits = new DecodeLimits(64, 3, 100);

        // when
        DecodeResult.Rejected rejected = rejected(decode(limits, gauges(2, 0, 2, 5)));

        // then
        assertThat(rejected.reason()).isEqualTo(RejectionReason.BUNDLE_TOO_LARGE);
        assertThat(rejected.failure())
                .isEqualTo(new Failure("$.resourceMetrics[0].scopeMetrics[0].metrics[2].gauge", "too many data points"));
    }

    @Test
    void decode_reportsAnInvalidShapeWalkedBeforeTheCountPassesTheLimit_evenWhenItComesLaterInTheBytes() {
        // given: the resource is walked before the scopes, whatever the key order
        DecodeLimits limits = new DecodeLimits(64, 3, 100);
        String points = String.join(",", POINT, POINT, POINT, POINT, POINT);
        String json = "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"gauge\":"
                + "{\"dataPoints\":[" + points + "]}}]}],\"resource\":{\"attributes\":{}}}]}";

        // when
        DecodeResult.Rejected rejected = rejected(decode(limits, json));

        // then
        assertThat(rejected.reason()).isEqualTo(RejectionReason.BUNDLE_INVALID);
        assertThat(rejected.failure())
                .isEqualTo(new Failure("$.resourceMetrics[0].resource.attributes", "expected an array"));
    }

    @Test
    void decode_keepsEveryPoint_whenPointsPastTheLimitWereInAnIgnoredPartOfTheBundle() {
        // given: a top-level scopeMetrics beside the wrapper is ignored, but it was parsed first
        DecodeLimits limits = new DecodeLimits(64, 3, 100);
        String ignored = "\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\",\"gauge\":{\"dataPoints\":["
                + String.join(",", POINT, POINT, POINT) + "]}}]}],";
        String json = gauges(3).replaceFirst("\\{", "{" + ignored);

        // when
        OtlpBundle bundle = decoded(decode(limits, json));

        // then
        assertThat(bundle.resources().getFirst().scopes().getFirst().metrics().getFirst().points()).hasSize(3);
    }

    // ------------------------------------------------------------------ malformed

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "",
            "   ",
            "{\"resourceMetrics\":[]} x",
            "{\"resourceMetrics\":[]}{}",
            "{\"resourceMetrics\":[]} {}",
            "{\"resourceMetrics\":[]}]",
            "{\"resourceMetrics\":[",
            "{\"resourceMetrics\":[],}",
            "{\"resourceMetrics\":[NaN]}",
            "{\"resourceMetrics\":[Infinity]}",
            "{\"resourceMetrics\":[-Infinity]}",
            "{\"resourceMetrics\":[01]}",
            "{\"resourceMetrics\":[1.]}",
            "{'resourceMetrics':[]}",
            "{\"resourceMetrics\":[\"a\u0001\"]}",
            "{\"resourceMetrics\":[\"\\x\"]}",
            "{\"resourceMetrics\":[]/* comment */}"
    })
    void decode_rejectsTheBundleAsMalformed_whenTheBytesAreNotExactlyOneJsonValue(String json) {
        // given / when
        DecodeResult.Rejected rejected = rejected(decode(json));

        // then
        assertThat(rejected.reason()).isEqualTo(RejectionReason.BUNDLE_MALFORMED_JSON);
        assertThat(rejected.failure().path()).isEqualTo("$");
    }

    @Test
    void decode_reportsMalformedJson_overAnInvalidShapeFoundEarlierInTheSameBytes() {
        // given
        String json = "{\"resourceMetrics\":{\"oops\":1}} garbage";

        // when
        DecodeResult.Rejected rejected = rejected(decode(json));

        // then
        assertThat(rejected.reason()).isEqualTo(RejectionReason.BUNDLE_MALFORMED_JSON);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"C0 80", "ED A0 80", "F4 90 80 80", "FF", "C3"})
    void decode_rejectsInvalidUtf8AsMalformed_evenInsideAStringJacksonWouldAccept(String hex) {
        // given
        byte[] prefix = "{\"resourceMetrics\":[],\"x\":\"".getBytes(StandardCharsets.UTF_8);
        String[] parts = hex.split(" ");
        byte[] json = new byte[prefix.length + parts.length + 2];
        System.arraycopy(prefix, 0, json, 0, prefix.length);
        for (int i = 0; i < parts.length; i++) {
            json[prefix.length + i] = (byte) Integer.parseInt(parts[i], 16);
        }
        json[json.length - 2] = '"';
        json[json.length - 1] = '}';

        // when
        DecodeResult.Rejected rejected = rejected(decode(DecodeLimits.defaults(), json));

        // then
        assertThat(rejected.reason()).isEqualTo(RejectionReason.BUNDLE_MALFORMED_JSON);
        assertThat(rejected.failure().detail()).startsWith("invalid UTF-8 at byte " + prefix.length);
    }

    @Test
    void decode_rejectsAByteOrderMarkAsMalformed() {
        // given
        byte[] json = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'r', 'e', 's', 'o', 'u', 'r', 'c', 'e', '"', ':',
                '{', '}', '}'};

        // when
        DecodeResult.Rejected rejected = rejected(decode(DecodeLimits.defaults(), json));

        // then
        assertThat(rejected.reason()).isEqualTo(RejectionReason.BUNDLE_MALFORMED_JSON);
    }

    // ------------------------------------------------------------------ top-level shapes

    @Test
    void decode_rejectsATopLevelThatIsNotAnObject() {
        // given / when
        DecodeResult.Rejected array = rejected(decode("[]"));
        DecodeResult.Rejected number = rejected(decode("5"));

        // then
        assertThat(array.failure()).isEqualTo(new Failure("$", "expected an object"));
        assertThat(number.failure()).isEqualTo(new Failure("$", "expected an object"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "null", "{\"resourceMetrics\":null,\"resource\":null}", "{\"other\":1}"})
    void decode_rejectsAnObjectWithoutMetrics_asNotAMetricsBundle(String json) {
        // given / when
        DecodeResult.Rejected rejected = rejected(decode(json));

        // then
        assertThat(rejected.reason()).isEqualTo(RejectionReason.BUNDLE_INVALID);
        assertThat(rejected.failure()).isEqualTo(new Failure("$", "not a metrics bundle"));
    }

    @Test
    void decode_readsABareResourceMetrics_withPathsFromTheTop() {
        // given
        String json = "{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"gauge\":{\"dataPoints\":[{\"asInt\":\"x\"}]}}]}],"
                + "\"resource\":{\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"v\"}}]}}";

        // when
        OtlpBundle bundle = decoded(decode(json));

        // then
        assertThat(bundle.bare()).isTrue();
        assertThat(bundle.resourcePath(0)).isEqualTo("$");
        ResourceBlock resource = bundle.resources().getFirst();
        assertThat(new String(resource.attributes().json(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"v\"}");
        DataPoint point = resource.scopes().getFirst().metrics().getFirst().points().getFirst();
        assertThat(point.invalid())
                .isEqualTo(new Failure("$.scopeMetrics[0].metrics[0].gauge.dataPoints[0].asInt", "expected an integer string"));
    }

    @Test
    void decode_letsTheLastOfARepeatedKeyWin_likePythonsJsonModule() {
        // given
        String json = "{\"resourceMetrics\":{},\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":123,"
                + "\"name\":\"ok\",\"gauge\":{\"dataPoints\":[{\"asInt\":\"x\",\"asInt\":2}]}}]}]}]}";

        // when
        OtlpBundle bundle = decoded(decode(json));

        // then
        MetricBlock metric = bundle.resources().getFirst().scopes().getFirst().metrics().getFirst();
        assertThat(metric.name()).isEqualTo("ok");
        assertThat(metric.points().getFirst().invalid()).isNull();
        assertThat(metric.points().getFirst().intValue()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "", "caf\u00e9 \uD83D\uDE00", "tab\\tnew\\nline", "quote \\\" and \\\\ back",
            "\\u00e9scaped", "\\u0001", "del\u007f", "\\/slash", "exactly twenty chars", "twenty-one characters"})
    void decode_rendersStringAttributeValues_likeTheirDecodedText_whetherCopiedOrReEncoded(String jsonText)
            throws Exception {
        // given: the value as it appears between quotes in the input, in key-first and value-first order
        DecodeLimits limits = new DecodeLimits(64, 10, 20);
        String attributes = "[{\"key\":\"k\",\"value\":{\"stringValue\":\"" + jsonText + "\"}},"
                + "{\"value\":{\"stringValue\":\"" + jsonText + "\"},\"key\":\"j\"}]";
        String json = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":" + attributes + "}}]}";
        String text = new com.fasterxml.jackson.databind.ObjectMapper().readValue("\"" + jsonText + "\"", String.class);

        // when
        DecodeResult result = decode(limits, json);

        // then: as JsonBuffer writes the decoded text, or "string too long" past 20 code points
        if (text.codePointCount(0, text.length()) > 20) {
            assertThat(rejected(result).failure()).isEqualTo(new Failure("$", "string too long"));
            return;
        }
        JsonBuffer expected = new JsonBuffer(64);
        expected.writeString(text);
        String value = new String(expected.toByteArray(), StandardCharsets.UTF_8);
        ResourceBlock resource = decoded(result).resources().getFirst();
        assertThat(new String(resource.attributes().json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"k\":" + value + ",\"j\":" + value + "}");
    }

    // ------------------------------------------------------------------ repeated point attribute lists

    /** One gauge per list, one point each, with {@code lists[i]} as the point's attributes. */
    private static String pointsWithAttributes(String... lists) {
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i < lists.length; i++) {
            metrics.append(i > 0 ? "," : "").append("{\"name\":\"m").append(i)
                    .append("\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"1\",\"attributes\":")
                    .append(lists[i]).append(",\"asInt\":1}]}}");
        }
        return "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[" + metrics + "]}]}]}";
    }

    private static List<DataPoint> points(OtlpBundle bundle) {
        return bundle.resources().getFirst().scopes().getFirst().metrics().stream()
                .map(metric -> metric.points().getFirst()).toList();
    }

    private static String json(RenderedAttributes attributes) {
        return new String(attributes.json(), StandardCharsets.UTF_8);
    }

    @Test
    void decode_rendersARepeatedPointAttributeList_asTheFirstTime_inTheSameAndInLaterBundles() {
        // given: one decoder (its memory of lists lives as long as it does), a list that comes back, one that
        // differs from it in one byte
        OtlpDecoder decoder = new OtlpDecoder(DecodeLimits.defaults(), Set.of("wild"));
        String list = "[{\"key\":\"wild\",\"value\":{\"stringValue\":\"eth0\"}},{\"key\":\"n\",\"value\":{\"intValue\":\"7\"}}]";
        String other = list.replace("eth0", "eth1");

        // when
        OtlpBundle first = decoded(decoder.decode(pointsWithAttributes(list, list, other).getBytes(StandardCharsets.UTF_8)));
        OtlpBundle second = decoded(decoder.decode(pointsWithAttributes(other, list).getBytes(StandardCharsets.UTF_8)));

        // then
        List<DataPoint> points = new ArrayList<>(points(first));
        points.addAll(points(second));
        assertThat(points).extracting(point -> json(point.attributes())).containsExactly(
                "{\"wild\":\"eth0\",\"n\":7}", "{\"wild\":\"eth0\",\"n\":7}", "{\"wild\":\"eth1\",\"n\":7}",
                "{\"wild\":\"eth1\",\"n\":7}", "{\"wild\":\"eth0\",\"n\":7}");
        assertThat(points).extracting(point -> point.attributes().stringValue("wild"))
                .containsExactly("eth0", "eth0", "eth1", "eth1", "eth0");
    }

    @Test
    void decode_refusesATooLongStringInAPointAttributeList_everyTimeTheListComesBack() {
        // given: a 21-character value against a limit of 20
        OtlpDecoder decoder = new OtlpDecoder(new DecodeLimits(64, 10, 20), Set.of());
        String list = "[{\"key\":\"k\",\"value\":{\"stringValue\":\"" + "a".repeat(21) + "\"}}]";
        byte[] bundle = pointsWithAttributes(list).getBytes(StandardCharsets.UTF_8);

        // when
        DecodeResult first = decoder.decode(bundle);
        DecodeResult again = decoder.decode(bundle);

        // then
        assertThat(rejected(first).failure()).isEqualTo(new Failure("$", "string too long"));
        assertThat(rejected(again).failure()).isEqualTo(new Failure("$", "string too long"));
    }

    @Test
    void decode_reportsABadRepeatedList_atItsOwnPath_eachTime() {
        // given: an AnyValue with two values, at the first point's attributes and then at the second's
        OtlpDecoder decoder = new OtlpDecoder(DecodeLimits.defaults(), Set.of());
        String good = "[{\"key\":\"k\",\"value\":{\"stringValue\":\"v\"}}]";
        String bad = "[{\"key\":\"k\",\"value\":{\"stringValue\":\"v\",\"intValue\":1}}]";

        // when
        List<DataPoint> points = points(decoded(decoder.decode(
                pointsWithAttributes(bad, good, bad).getBytes(StandardCharsets.UTF_8))));

        // then
        assertThat(points).extracting(DataPoint::invalid).containsExactly(
                new Failure("$.resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].attributes[0].value",
                        "more than one value"),
                null,
                new Failure("$.resourceMetrics[0].scopeMetrics[0].metrics[2].gauge.dataPoints[0].attributes[0].value",
                        "more than one value"));
    }

    @Test
    void decode_reportsMalformedJson_whenAListLikeARememberedOneIsBroken() {
        // given: the list is remembered from the first bundle; the second breaks it after the same start
        OtlpDecoder decoder = new OtlpDecoder(DecodeLimits.defaults(), Set.of());
        String list = "[{\"key\":\"k\",\"value\":{\"stringValue\":\"v\"}}]";
        decoded(decoder.decode(pointsWithAttributes(list).getBytes(StandardCharsets.UTF_8)));
        String broken = pointsWithAttributes(list).replace("\"v\"}}]", "\"v\"}}}]");

        // when
        DecodeResult result = decoder.decode(broken.getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(rejected(result).reason()).isEqualTo(RejectionReason.BUNDLE_MALFORMED_JSON);
    }

    @Test
    void decode_rendersRepeatedListsWithLineBreaks_andWhatFollowsThem_everyTime() {
        // given: a pretty-printed list (not kept, so read every time) and a compact one (kept, then jumped over),
        // each followed by more of the bundle
        OtlpDecoder decoder = new OtlpDecoder(DecodeLimits.defaults(), Set.of());
        String pretty = "[\n  {\"key\": \"k\",\r\n   \"value\": {\"stringValue\": \"v\"}}\n]";
        String compact = "[{\"key\":\"n\",\"value\":{\"intValue\":\"3\"}}]";
        byte[] bundle = pointsWithAttributes(pretty, compact, pretty, compact).getBytes(StandardCharsets.UTF_8);

        // when
        List<DataPoint> first = points(decoded(decoder.decode(bundle)));
        List<DataPoint> again = points(decoded(decoder.decode(bundle)));

        // then
        for (List<DataPoint> points : List.of(first, again)) {
            assertThat(points).extracting(point -> json(point.attributes()))
                    .containsExactly("{\"k\":\"v\"}", "{\"n\":3}", "{\"k\":\"v\"}", "{\"n\":3}");
            assertThat(points).extracting(DataPoint::intValue).containsOnly(1L);
        }
    }
}
