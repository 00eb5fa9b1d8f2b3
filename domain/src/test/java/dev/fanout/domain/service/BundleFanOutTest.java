package dev.fanout.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.domain.testing.JsonValues;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.RowBatch;
import dev.fanout.ports.in.BundleOutcome;
import dev.fanout.ports.in.FanOutBundle;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BundleFanOutTest {

    private static final Provenance SOURCE = new Provenance.JsonLine("in.jsonl", 7);
    private static final String TIME = "\"timeUnixNano\":\"1763700055158000000\"";
    private static final String POINT_PATH = "$.resourceMetrics[0].scopeMetrics[0].metrics[0].%s.dataPoints[0]";

    private static BundleOutcome fanOut(FanOutSettings settings, String json) {
        return new BundleFanOut(settings).fanOut(new BundleEnvelope.RawBundle(Payload.utf8(json), SOURCE));
    }

    private static BundleOutcome fanOut(String json) {
        return fanOut(FanOutSettings.defaults().withOrgId("acme"), json);
    }

    /** One metric in one scope in one resource. */
    private static String bundle(String metric) {
        return "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"scope\":{\"name\":\"ds\"},\"metrics\":[" + metric + "]}]}]}";
    }

    private static String gauge(String point) {
        return bundle("{\"name\":\"m\",\"gauge\":{\"dataPoints\":[" + point + "]}}");
    }

    private static String ofKind(String kind, String point) {
        return bundle("{\"name\":\"m\",\"" + kind + "\":{\"aggregationTemporality\":2,\"dataPoints\":[" + point + "]}}");
    }

    private static JsonNode onlyRow(BundleOutcome outcome) {
        assertThat(outcome.deadLetters()).as("dead letters").isEmpty();
        assertThat(outcome.rows()).hasSize(1);
        return JsonValues.parse(outcome.rows().getFirst().json().bytes());
    }

    private static JsonNode onlyDeadLetter(BundleOutcome outcome) {
        assertThat(outcome.rows()).as("rows").isEmpty();
        assertThat(outcome.deadLetters()).hasSize(1);
        return JsonValues.parse(outcome.deadLetters().getFirst().line().bytes());
    }

    private static String bundleIdOf(String json) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(json.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
    }

    // ------------------------------------------------------------------ the row

    @Test
    void fanOut_hashesBundleIdsWithTheGivenSha256_oneDigestPerThread() throws Exception {
        // given: a digest source that counts what it hands out
        AtomicInteger digests = new AtomicInteger();
        BundleFanOut fanOut = new BundleFanOut(FanOutSettings.defaults().withOrgId("acme"), () -> {
            digests.incrementAndGet();
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        });
        String json = gauge("{" + TIME + ",\"asInt\":\"1\"}");
        BundleEnvelope envelope = new BundleEnvelope.RawBundle(Payload.utf8(json), SOURCE);

        // when: two bundles on this thread, one on another
        fanOut.fanOut(envelope);
        BundleOutcome outcome = fanOut.fanOut(envelope);
        Thread other = Thread.ofPlatform().start(() -> fanOut.fanOut(envelope));
        other.join();

        // then
        assertThat(digests).hasValue(2);
        assertThat(outcome.rows()).extracting(EncodedRow::rowId).containsExactly(bundleIdOf(json) + "00000000");
    }

    @Test
    void fanOut_writesTheRowKeysInSpecOrder_leavingOutWhatCarriesNothing() {
        // given
        String json = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":["
                + "{\"key\":\"hostName\",\"value\":{\"stringValue\":\"web-1\"}},"
                + "{\"key\":\"hostId\",\"value\":{\"stringValue\":\"1017594\"}}]},"
                + "\"scopeMetrics\":[{\"scope\":{\"name\":\"Ping\",\"version\":\"\"},\"metrics\":[{\"name\":\"sentpkts\","
                + "\"unit\":\"\",\"sum\":{\"aggregationTemporality\":1,\"dataPoints\":[{" + TIME + ",\"asInt\":\"12\","
                + "\"startTimeUnixNano\":\"0\",\"attributes\":[{\"key\":\"wildValue\",\"value\":{\"stringValue\":\"eth0\"}}]}]}}]}]}]}";

        // when
        JsonNode row = onlyRow(fanOut(json));

        // then
        assertThat(row.toString()).isEqualTo("{\"schemaVersion\":1,\"rowId\":\"" + row.get("rowId").asText() + "\","
                + "\"orgId\":\"acme\",\"deviceId\":\"1017594\",\"host\":\"web-1\",\"datasource\":\"Ping\",\"instance\":\"eth0\","
                + "\"metric\":\"sentpkts\",\"type\":\"sum\",\"timeUnixNano\":1763700055158000000,\"tsUnixMs\":1763700055158,"
                + "\"dt\":\"2025-11-21\",\"hour\":\"04\",\"value\":12,\"temporality\":\"delta\",\"monotonic\":false,"
                + "\"attributes\":{\"wildValue\":\"eth0\"},\"resource\":{\"hostName\":\"web-1\",\"hostId\":\"1017594\"},"
                + "\"scope\":{\"name\":\"Ping\"},\"source\":{\"file\":\"in.jsonl\",\"line\":7}}");
    }

    @Test
    void fanOut_writesDoublesWithAPointAndIntegersWithout() {
        // given
        String asDouble = gauge("{" + TIME + ",\"asDouble\":8}");
        String asInt = gauge("{" + TIME + ",\"asInt\":8}");

        // when
        JsonNode doubleRow = onlyRow(fanOut(asDouble));
        JsonNode intRow = onlyRow(fanOut(asInt));

        // then
        assertThat(doubleRow.get("value").isFloatingPointNumber()).isTrue();
        assertThat(doubleRow.get("value").doubleValue()).isEqualTo(8.0);
        assertThat(intRow.get("value").isIntegralNumber()).isTrue();
        assertThat(new String(fanOut(asDouble).rows().getFirst().json().bytes(), StandardCharsets.UTF_8))
                .contains("\"value\":8.0,");
    }

    @Test
    void fanOut_keepsUint64ValuesAboveLongMaxExact() {
        // given
        String json = ofKind("histogram", "{\"timeUnixNano\":18446744073709551615,\"count\":\"18446744073709551615\","
                + "\"bucketCounts\":[\"18446744073709551615\",9223372036854775808]}");

        // when
        JsonNode row = onlyRow(fanOut(json));

        // then
        BigInteger max = new BigInteger("18446744073709551615");
        assertThat(row.get("timeUnixNano").bigIntegerValue()).isEqualTo(max);
        assertThat(row.get("tsUnixMs").longValue()).isEqualTo(18_446_744_073_709L);
        assertThat(row.get("count").bigIntegerValue()).isEqualTo(max);
        assertThat(row.get("bucketCounts").get(0).bigIntegerValue()).isEqualTo(max);
        assertThat(row.get("bucketCounts").get(1).bigIntegerValue()).isEqualTo(new BigInteger("9223372036854775808"));
    }

    @Test
    void fanOut_keepsSignedInt64Extremes_andNothingGoesThroughADouble() {
        // given
        String min = gauge("{" + TIME + ",\"asInt\":\"-9223372036854775808\"}");
        String precise = gauge("{" + TIME + ",\"asInt\":9007199254740993}");

        // when
        JsonNode minRow = onlyRow(fanOut(min));
        JsonNode preciseRow = onlyRow(fanOut(precise));

        // then
        assertThat(minRow.get("value").longValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(preciseRow.get("value").longValue()).isEqualTo(9_007_199_254_740_993L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"asInt\":\"9223372036854775808\"|asInt|integer out of range",
            "\"asInt\":\"18446744073709551616\"|asInt|integer out of range",
            "\"asInt\":1.0|asInt|expected an integer",
            "\"asInt\":\"1.0\"|asInt|expected an integer string",
            "\"asInt\":\" 1\"|asInt|expected an integer string",
            "\"asInt\":true|asInt|expected an integer",
            "\"asInt\":1,\"flags\":-1|flags|integer out of range",
            "\"asInt\":1,\"flags\":4294967296|flags|integer out of range",
            "\"asInt\":1,\"startTimeUnixNano\":\"-1\"|startTimeUnixNano|integer out of range",
            "\"asDouble\":\"12.0oops\"|asDouble|expected a numeric string",
            "\"asDouble\":\"nan\"|asDouble|expected a numeric string",
            "\"asDouble\":\"01\"|asDouble|expected a numeric string",
            "\"asDouble\":\"1.\"|asDouble|expected a numeric string",
            "\"asDouble\":true|asDouble|expected a number",
            "\"asDouble\":[1]|asDouble|expected a number"
    })
    void fanOut_rejectsThePointAsInvalid_withThePathOfABadScalar(String fields, String leaf, String detail) {
        // given
        String json = gauge("{" + TIME + "," + fields + "}");

        // when
        JsonNode letter = onlyDeadLetter(fanOut(json));

        // then
        assertThat(letter.get("reason").asText()).isEqualTo("point.invalid");
        assertThat(letter.get("path").asText()).isEqualTo(POINT_PATH.formatted("gauge") + "." + leaf);
        assertThat(letter.get("detail").asText()).isEqualTo(detail);
    }

    @Test
    void fanOut_readsIntegersAndDoublesGivenAsNumbersOrStrings_mixedInOneArray() {
        // given
        String json = ofKind("histogram", "{" + TIME + ",\"count\":\"6\",\"sum\":\"1e3\",\"min\":\"-0.5\",\"max\":4,"
                + "\"bucketCounts\":[1,\"2\",3],\"explicitBounds\":[1,\"2.5\",\"Infinity\"]}");

        // when
        JsonNode row = onlyRow(fanOut(json));

        // then
        assertThat(row.get("count").isIntegralNumber()).isTrue();
        assertThat(row.get("sum").doubleValue()).isEqualTo(1000.0);
        assertThat(row.get("min").doubleValue()).isEqualTo(-0.5);
        assertThat(row.get("max").isFloatingPointNumber()).isTrue();
        assertThat(row.get("bucketCounts").toString()).isEqualTo("[1,2,3]");
        assertThat(row.get("explicitBounds").toString()).isEqualTo("[1.0,2.5,\"Infinity\"]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"\"NaN\", NaN", "\"Infinity\", Infinity", "\"-Infinity\", -Infinity"})
    void fanOut_writesNonFiniteDoublesAsStrings(String input, String expected) {
        // given
        String json = gauge("{" + TIME + ",\"asDouble\":" + input + "}");

        // when
        JsonNode row = onlyRow(fanOut(json));

        // then
        assertThat(row.get("value").isTextual()).isTrue();
        assertThat(row.get("value").asText()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void fanOut_rejectsTheBundleAsMalformed_forBareNonFiniteTokens(String token) {
        // given
        String json = gauge("{" + TIME + ",\"asDouble\":" + token + "}");

        // when
        BundleOutcome outcome = fanOut(json);

        // then
        assertThat(outcome.bundleDead()).isTrue();
        assertThat(outcome.deadLetters().getFirst().reason()).isEqualTo(RejectionReason.BUNDLE_MALFORMED_JSON);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "\"AGGREGATION_TEMPORALITY_DELTA\", delta",
            "\"AGGREGATION_TEMPORALITY_CUMULATIVE\", cumulative",
            "\"AGGREGATION_TEMPORALITY_UNSPECIFIED\", unspecified",
            "1, delta",
            "2, cumulative",
            "0, unspecified",
            "7, unspecified",
            "-3, unspecified",
            "99999999999999999999999, unspecified"
    })
    void fanOut_readsTemporalityAsAnIntegerOrAnEnumName(String input, String expected) {
        // given
        String json = bundle("{\"name\":\"m\",\"sum\":{\"aggregationTemporality\":" + input + ",\"isMonotonic\":true,"
                + "\"dataPoints\":[{" + TIME + ",\"asInt\":1}]}}");

        // when
        JsonNode row = onlyRow(fanOut(json));

        // then
        assertThat(row.get("temporality").asText()).isEqualTo(expected);
        assertThat(row.get("monotonic").booleanValue()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "gauge|\"aggregationTemporality\":\"DELTA\"|aggregationTemporality|expected an enum",
            "summary|\"aggregationTemporality\":2.0|aggregationTemporality|expected an enum",
            "histogram|\"isMonotonic\":\"true\"|isMonotonic|expected a boolean",
            "sum|\"dataPoints\":{}|dataPoints|expected an array"
    })
    void fanOut_rejectsTheBundle_whenAFieldOfTheDataObjectHasTheWrongType_onEveryKind(String kind, String field,
                                                                                     String leaf, String detail) {
        // given
        String json = bundle("{\"name\":\"m\",\"" + kind + "\":{" + field + "}}");

        // when
        JsonNode letter = onlyDeadLetter(fanOut(json));

        // then
        assertThat(letter.get("reason").asText()).isEqualTo("bundle.invalid");
        assertThat(letter.get("path").asText())
                .isEqualTo("$.resourceMetrics[0].scopeMetrics[0].metrics[0]." + kind + "." + leaf);
        assertThat(letter.get("detail").asText()).isEqualTo(detail);
    }

    @Test
    void fanOut_lowercasesHexIds_andConvertsBase64Ids() {
        // given
        String json = gauge("{" + TIME + ",\"asInt\":1,\"exemplars\":["
                + "{\"asDouble\":1.5,\"traceId\":\"5B8EFFF798038103D269B633813FC60C\",\"spanId\":\"EEE19B7EC3C1B174\"},"
                + "{\"asInt\":0,\"traceId\":\"AAECAwQFBgcICQoLDA0ODw==\",\"spanId\":\"7uGbfsPBsXQ=\",\"timeUnixNano\":\"5\"},"
                + "{\"traceId\":\"\",\"spanId\":\"\",\"filteredAttributes\":[]}]}");

        // when
        JsonNode row = onlyRow(fanOut(json));

        // then
        assertThat(row.get("exemplars").toString()).isEqualTo("[{\"value\":1.5,\"traceId\":\"5b8efff798038103d269b633813fc60c\","
                + "\"spanId\":\"eee19b7ec3c1b174\"},{\"timeUnixNano\":5,\"value\":0,"
                + "\"traceId\":\"000102030405060708090a0b0c0d0e0f\",\"spanId\":\"eee19b7ec3c1b174\"},{}]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"traceId\":\"AAECAwQFBgcICQoLDA0ODw\"|traceId|not hex or base64",
            "\"traceId\":\"zz-z\"|traceId|not hex or base64",
            "\"spanId\":\"AAECAwQFBgcICQoLDA0ODw==\"|spanId|wrong id length",
            "\"spanId\":7|spanId|expected a string",
            "\"asInt\":1,\"asDouble\":1.0|-|both asDouble and asInt"
    })
    void fanOut_rejectsThePointAsInvalid_forABadExemplar(String field, String leaf, String detail) {
        // given
        String json = gauge("{" + TIME + ",\"asInt\":1,\"exemplars\":[{}, {" + field + "}]}");

        // when
        JsonNode letter = onlyDeadLetter(fanOut(json));

        // then
        String exemplar = POINT_PATH.formatted("gauge") + ".exemplars[1]";
        assertThat(letter.get("path").asText()).isEqualTo(leaf.equals("-") ? exemplar : exemplar + "." + leaf);
        assertThat(letter.get("detail").asText()).isEqualTo(detail);
    }

    @Test
    void fanOut_rendersAttributes_lastDuplicateWinningInThePositionOfTheFirst() {
        // given
        String json = gauge("{" + TIME + ",\"asInt\":1,\"attributes\":["
                + "{\"key\":\"a\",\"value\":{\"stringValue\":\"first\"}},"
                + "{\"key\":\"b\",\"value\":{\"boolValue\":true}},"
                + "{\"value\":{\"intValue\":\"-5\"},\"key\":\"a\"}]}");

        // when
        JsonNode row = onlyRow(fanOut(json));

        // then
        assertThat(row.get("attributes").toString()).isEqualTo("{\"a\":-5,\"b\":true}");
    }

    @Test
    void fanOut_rendersEveryKindOfAttributeValue() {
        // given
        String json = gauge("{" + TIME + ",\"asInt\":1,\"attributes\":["
                + "{\"key\":\"s\",\"value\":{\"stringValue\":\"x\\\"y\"}},"
                + "{\"key\":\"d\",\"value\":{\"doubleValue\":2}},"
                + "{\"key\":\"n\",\"value\":{\"doubleValue\":\"NaN\"}},"
                + "{\"key\":\"bytes\",\"value\":{\"bytesValue\":\"AQID\"}},"
                + "{\"key\":\"empty\",\"value\":{}},"
                + "{\"key\":\"none\"},"
                + "{\"key\":\"nullValue\",\"value\":{\"stringValue\":null,\"intValue\":\"3\"}},"
                + "{\"key\":\"arr\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\"a\"},{\"intValue\":\"9007199254740993\"},{}]}}},"
                + "{\"key\":\"kv\",\"value\":{\"kvlistValue\":{\"values\":[{\"key\":\"inner\",\"value\":{\"kvlistValue\":{}}}]}}},"
                + "{\"value\":{\"stringValue\":\"no key\"}}]}");

        // when
        JsonNode row = onlyRow(fanOut(json));

        // then
        assertThat(row.get("attributes").toString()).isEqualTo("{\"s\":\"x\\\"y\",\"d\":2.0,\"n\":\"NaN\",\"bytes\":\"AQID\","
                + "\"empty\":null,\"none\":null,\"nullValue\":3,\"arr\":[\"a\",9007199254740993,null],"
                + "\"kv\":{\"inner\":{}},\"\":\"no key\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"key\":\"k\",\"value\":{\"stringValue\":\"a\",\"intValue\":\"1\"}}|attributes[0].value|more than one value",
            "{\"key\":\"k\",\"value\":{\"intValue\":\"x\"}}|attributes[0].value.intValue|expected an integer string",
            "{\"key\":5,\"value\":{\"intValue\":\"x\"}}|attributes[0].key|expected a string",
            "{\"key\":\"k\",\"value\":{\"arrayValue\":{\"values\":[{\"boolValue\":1}]}}}|attributes[0].value.arrayValue.values[0].boolValue|expected a boolean",
            "{\"key\":\"k\",\"value\":{\"kvlistValue\":{\"values\":[{\"key\":\"i\",\"value\":[]}]}}}|attributes[0].value.kvlistValue.values[0].value|expected an object",
            "[]|attributes[0]|expected an object"
    })
    void fanOut_rejectsThePointAsInvalid_forABadAttribute(String attribute, String leaf, String detail) {
        // given
        String json = gauge("{" + TIME + ",\"asInt\":1,\"attributes\":[" + attribute + "]}");

        // when
        JsonNode letter = onlyDeadLetter(fanOut(json));

        // then
        assertThat(letter.get("reason").asText()).isEqualTo("point.invalid");
        assertThat(letter.get("path").asText()).isEqualTo(POINT_PATH.formatted("gauge") + "." + leaf);
        assertThat(letter.get("detail").asText()).isEqualTo(detail);
    }

    @Test
    void fanOut_rejectsTheWholeBundle_forABadResourceAttribute() {
        // given
        String json = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"k\",\"value\":{\"boolValue\":\"no\"}}]},"
                + "\"scopeMetrics\":[]}]}";

        // when
        JsonNode letter = onlyDeadLetter(fanOut(json));

        // then
        assertThat(letter.get("reason").asText()).isEqualTo("bundle.invalid");
        assertThat(letter.get("path").asText()).isEqualTo("$.resourceMetrics[0].resource.attributes[0].value.boolValue");
    }

    @Test
    void fanOut_writesTheDistributionKinds_withTheirOwnFieldsAndDefaults() {
        // given
        String exponential = ofKind("exponentialHistogram", "{" + TIME + ",\"scale\":-2,\"zeroThreshold\":0,"
                + "\"positive\":{\"offset\":-3,\"bucketCounts\":[\"5\",6]},\"negative\":{\"offset\":4},\"asDouble\":\"ignored\"}");
        String summary = bundle("{\"name\":\"m\",\"summary\":{\"dataPoints\":[{" + TIME + ",\"count\":3,"
                + "\"quantileValues\":[{},{\"quantile\":\"0.5\",\"value\":\"NaN\"}]}]}}");

        // when
        JsonNode exponentialRow = onlyRow(fanOut(exponential));
        JsonNode summaryRow = onlyRow(fanOut(summary));

        // then
        assertThat(exponentialRow.get("temporality").asText()).isEqualTo("cumulative");
        assertThat(exponentialRow.get("count").longValue()).isZero();
        assertThat(exponentialRow.has("sum")).isFalse();
        assertThat(exponentialRow.has("zeroThreshold")).isFalse();
        assertThat(exponentialRow.has("negative")).isFalse();
        assertThat(exponentialRow.get("positive").toString()).isEqualTo("{\"offset\":-3,\"bucketCounts\":[5,6]}");
        assertThat(exponentialRow.get("scale").intValue()).isEqualTo(-2);
        assertThat(summaryRow.has("temporality")).isFalse();
        assertThat(summaryRow.get("sum").doubleValue()).isZero();
        assertThat(summaryRow.get("quantiles").toString())
                .isEqualTo("[{\"quantile\":0.0,\"value\":0.0},{\"quantile\":0.5,\"value\":\"NaN\"}]");
    }

    @Test
    void fanOut_acceptsSnakeCaseKeysAndAnyKeyOrder_givingTheSameRow() {
        // given
        String canonical = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"v\"}}]},"
                + "\"scopeMetrics\":[{\"scope\":{\"name\":\"s\"},\"metrics\":[{\"name\":\"m\",\"unit\":\"By\","
                + "\"sum\":{\"aggregationTemporality\":1,\"isMonotonic\":true,\"dataPoints\":[{" + TIME + ",\"asDouble\":1.5}]}}]}]}]}";
        String shuffled = "{\"resource_metrics\":[{\"scope_metrics\":[{\"metrics\":[{\"sum\":{\"data_points\":[{\"as_double\":1.5,"
                + "\"time_unix_nano\":\"1763700055158000000\"}],\"is_monotonic\":true,\"aggregation_temporality\":1},"
                + "\"unit\":\"By\",\"name\":\"m\"}],\"scope\":{\"name\":\"s\"}}],"
                + "\"resource\":{\"attributes\":[{\"value\":{\"string_value\":\"v\"},\"key\":\"k\"}]}}]}";

        // when
        JsonNode a = onlyRow(fanOut(canonical));
        JsonNode b = onlyRow(fanOut(shuffled));

        // then: the same row apart from the id, which hashes different bytes
        ((ObjectNode) a).remove("rowId");
        ((ObjectNode) b).remove("rowId");
        assertThat(JsonValues.differences(b, a)).isEmpty();
    }

    @Test
    void fanOut_skipsUnknownAndLegacyKeys_andTreatsNullAsAbsent() {
        // given
        String json = "{\"resourceMetrics\":[{\"resource\":null,\"schemaUrl\":\"x\",\"instrumentationLibraryMetrics\":[{\"bad\":[1,{}]}],"
                + "\"scopeMetrics\":[{\"scope\":null,\"metrics\":[{\"name\":\"m\",\"metadata\":[{\"key\":1}],\"unit\":null,"
                + "\"gauge\":{\"attributes\":7,\"dataPoints\":[{" + TIME + ",\"asInt\":1,\"exemplars\":null,\"attributes\":null,"
                + "\"count\":\"not read for a gauge\"}]}}]}]}]}";

        // when
        JsonNode row = onlyRow(fanOut(json));

        // then
        assertThat(row.has("resource")).isFalse();
        assertThat(row.has("scope")).isFalse();
        assertThat(row.has("unit")).isFalse();
        assertThat(row.has("attributes")).isFalse();
    }

    @Test
    void fanOut_floorsTheTimeToMilliseconds_andDerivesUtcDateAndHour() {
        // given
        String json = gauge("{\"timeUnixNano\":\"1709251199999999999\",\"asInt\":1}");

        // when
        JsonNode row = onlyRow(fanOut(json));

        // then
        assertThat(row.get("tsUnixMs").longValue()).isEqualTo(1_709_251_199_999L);
        assertThat(row.get("dt").asText()).isEqualTo("2024-02-29");
        assertThat(row.get("hour").asText()).isEqualTo("23");
    }

    // ------------------------------------------------------------------ rejections and their precedence

    @Test
    void fanOut_appliesTheRejectionPrecedenceOfTheSpec() {
        // given: each point qualifies for its reason and every later one
        String points = String.join(",",
                "{\"asInt\":\"bad\"}",                               // invalid + bad_time + no_value
                "{\"asInt\":\"bad\",\"timeUnixNano\":\"0\"}",         // invalid + bad_time
                "{\"timeUnixNano\":0}",                               // bad_time + no_value
                "{" + TIME + "}",                                     // no_value
                "{" + TIME + ",\"flags\":1}",                         // no value but flagged: a row
                "{" + TIME + ",\"asInt\":1}");
        String json = "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":["
                + "{\"gauge\":{\"dataPoints\":[{\"asInt\":\"bad\"}]}},"      // no_metric_name wins over invalid
                + "{\"name\":\"m\",\"gauge\":{\"dataPoints\":[" + points + "]}}]}]}]}";

        // when
        BundleOutcome outcome = fanOut(json);

        // then
        assertThat(outcome.deadLetters()).extracting(DeadLetter::reason).containsExactly(
                RejectionReason.POINT_NO_METRIC_NAME, RejectionReason.POINT_INVALID, RejectionReason.POINT_INVALID,
                RejectionReason.POINT_BAD_TIME, RejectionReason.POINT_NO_VALUE);
        assertThat(outcome.rows()).hasSize(2);
        JsonNode flagged = JsonValues.parse(outcome.rows().getFirst().json().bytes());
        assertThat(flagged.has("value")).isFalse();
        assertThat(flagged.get("noRecordedValue").booleanValue()).isTrue();
        assertThat(flagged.get("flags").intValue()).isEqualTo(1);
    }

    @Test
    void fanOut_rejectsARowLargerThanTheRecordLimit_afterEveryOtherReason() {
        // given
        FanOutSettings settings = FanOutSettings.defaults().withOrgId("acme")
                .withLimits(new FanOutSettings.Limits(1 << 20, 64, 1000, 1000, 300));
        String big = "{" + TIME + ",\"asInt\":1,\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"" + "x".repeat(200)
                + "\"}}]}";
        String bigWithoutValue = "{" + TIME + ",\"attributes\":[{\"key\":\"k\",\"value\":{\"stringValue\":\"" + "x".repeat(200)
                + "\"}}]}";
        String small = "{" + TIME + ",\"asInt\":2}";

        // when
        BundleOutcome outcome = fanOut(settings, gauge(String.join(",", big, bigWithoutValue, small)));

        // then
        assertThat(outcome.deadLetters()).extracting(DeadLetter::reason)
                .containsExactly(RejectionReason.ROW_TOO_LARGE, RejectionReason.POINT_NO_VALUE);
        assertThat(outcome.rows()).hasSize(1);
        assertThat(outcome.rows().getFirst().json().size()).isLessThanOrEqualTo(300);
    }

    @Test
    void fanOut_numbersEveryPointWalked_rejectedOnesIncluded_andTheCountsAddUp() throws Exception {
        // given
        String json = gauge(String.join(",", "{" + TIME + ",\"asInt\":1}", "{\"asInt\":2}", "{" + TIME + ",\"asInt\":3}"));
        String bundleId = bundleIdOf(json);

        // when
        BundleOutcome outcome = fanOut(json);

        // then
        assertThat(outcome.pointsWalked()).isEqualTo(3).isEqualTo(outcome.rows().size() + outcome.deadLetters().size());
        assertThat(outcome.rows()).extracting(EncodedRow::rowId).containsExactly(bundleId + "00000000", bundleId + "00000002");
        assertThat(outcome.deadLetters().getFirst().rowId()).contains(bundleId + "00000001");
        JsonNode letter = JsonValues.parse(outcome.deadLetters().getFirst().line().bytes());
        assertThat(letter.toString()).isEqualTo("{\"schemaVersion\":1,\"kind\":\"point\",\"reason\":\"point.bad_time\","
                + "\"detail\":\"timeUnixNano absent or 0\",\"path\":\"" + POINT_PATH.formatted("gauge").replace("[0]\"", "")
                .replace("dataPoints[0]", "dataPoints[1]") + "\",\"bundleId\":\"" + bundleId + "\","
                + "\"source\":{\"file\":\"in.jsonl\",\"line\":7},\"rowId\":\"" + bundleId + "00000001\"}");
    }

    @Test
    void fanOut_rejectsTheBundleAsTooLarge_beforeParsing_whenItHasMoreBytesThanTheLimit() throws Exception {
        // given: malformed too, but the size is checked first
        FanOutSettings settings = FanOutSettings.defaults().withLimits(new FanOutSettings.Limits(10, 64, 1000, 1000, 1000));
        String json = "{\"resourceMetrics\": [";

        // when
        JsonNode letter = onlyDeadLetter(fanOut(settings, json));

        // then
        assertThat(letter.toString()).isEqualTo("{\"schemaVersion\":1,\"kind\":\"bundle\",\"reason\":\"bundle.too_large\","
                + "\"detail\":\"bundle larger than limit\",\"path\":\"$\",\"bundleId\":\"" + bundleIdOf(json) + "\","
                + "\"source\":{\"file\":\"in.jsonl\",\"line\":7},\"payloadBytes\":21,\"payloadBase64\":\""
                + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\"}");
    }

    @Test
    void fanOut_keepsTheSizeHashAndOnlyAPrefix_ofABundleTooLarge() throws Exception {
        // given: a bundle of 200,000 bytes over a limit of 100,000
        FanOutSettings settings = FanOutSettings.defaults()
                .withLimits(new FanOutSettings.Limits(100_000, 64, 1000, 1000, 1000));
        String json = "{\"resourceMetrics\":[" + " ".repeat(199_978) + "]}";

        // when
        JsonNode letter = onlyDeadLetter(fanOut(settings, json));

        // then
        byte[] prefix = Base64.getDecoder().decode(letter.get("payloadBase64").asText());
        assertThat(prefix).hasSize(BundleEnvelope.TooLarge.KEPT_PREFIX_BYTES)
                .isEqualTo(Arrays.copyOf(json.getBytes(StandardCharsets.UTF_8), prefix.length));
        assertThat(letter.get("payloadBytes").asLong()).isEqualTo(200_000);
        assertThat(letter.get("payloadTruncated").asBoolean()).isTrue();
        assertThat(letter.get("bundleId").asText()).isEqualTo(bundleIdOf(json));
    }

    @Test
    void fanOut_writesTheTooLargeDeadLetterOfAnEnvelope_theSourceDidNotHoldInMemory() throws Exception {
        // given: what a file source yields for a line past the limit
        String sha256 = "ab".repeat(32);
        BundleEnvelope envelope = new BundleEnvelope.TooLarge(new Provenance.JsonLine("big.jsonl", 3), 209_715_200L,
                sha256, Payload.utf8("{\"resourceMetrics\":[{"));

        // when
        BundleOutcome outcome = new BundleFanOut(FanOutSettings.defaults()).fanOut(envelope);

        // then
        assertThat(outcome.bundleDead()).isTrue();
        JsonNode letter = JsonValues.parse(outcome.deadLetters().getFirst().line().bytes());
        assertThat(letter.toString()).isEqualTo("{\"schemaVersion\":1,\"kind\":\"bundle\",\"reason\":\"bundle.too_large\","
                + "\"detail\":\"bundle larger than limit\",\"path\":\"$\",\"bundleId\":\"" + "ab".repeat(12) + "\","
                + "\"source\":{\"file\":\"big.jsonl\",\"line\":3},\"payloadBytes\":209715200,\"payloadBase64\":\""
                + Base64.getEncoder().encodeToString("{\"resourceMetrics\":[{".getBytes(StandardCharsets.UTF_8))
                + "\",\"payloadTruncated\":true}");
    }

    @Test
    void fanOut_rejectsTheBundle_whenAMetricHasTwoDataFields() {
        // given
        String json = bundle("{\"name\":\"m\",\"gauge\":{\"dataPoints\":{}},\"sum\":{}}");

        // when
        JsonNode letter = onlyDeadLetter(fanOut(json));

        // then
        assertThat(letter.get("reason").asText()).isEqualTo("bundle.invalid");
        assertThat(letter.get("path").asText()).isEqualTo("$.resourceMetrics[0].scopeMetrics[0].metrics[0]");
        assertThat(letter.get("detail").asText()).isEqualTo("more than one data field");
    }

    @Test
    void fanOut_yieldsNothing_forAMetricWithoutData_andForAnEmptyBundle() {
        // given
        String noData = bundle("{\"name\":\"m\",\"metadata\":[]}");
        String empty = "{\"resourceMetrics\":[]}";

        // when
        BundleOutcome a = fanOut(noData);
        BundleOutcome b = fanOut(empty);

        // then
        assertThat(a.bundleDead()).isFalse();
        assertThat(a.pointsWalked()).isZero();
        assertThat(b.rows()).isEmpty();
        assertThat(b.deadLetters()).isEmpty();
    }

    @Test
    void fanOut_keepsAnEmptyBundleInItsDeadLetter_asAnEmptyPayload() throws Exception {
        // given: found by BundleFanOutFuzzTest (the empty input); §6 and the reference keep every bundle's bytes

        // when
        JsonNode letter = onlyDeadLetter(fanOut(""));

        // then
        assertThat(letter.get("reason").asText()).isEqualTo("bundle.malformed_json");
        assertThat(letter.get("bundleId").asText()).isEqualTo(bundleIdOf(""));
        assertThat(letter.get("payloadBase64").asText()).isEmpty();
    }

    @Test
    void fanOut_turnsABadEnvelopeIntoABundleDeadLetter_keepingWhatStoodInTheValue() {
        // given
        Provenance kafka = new Provenance.KafkaRecord("lm.metrics", 3, 1001);
        BundleEnvelope withValue = new BundleEnvelope.BadEnvelope(kafka, "value is not base64", Payload.utf8("%%%"));
        BundleEnvelope withoutValue = new BundleEnvelope.BadEnvelope(kafka, "no value", Payload.empty());
        BundleFanOut fanOut = new BundleFanOut(FanOutSettings.defaults());

        // when
        BundleOutcome a = fanOut.fanOut(withValue);
        BundleOutcome b = fanOut.fanOut(withoutValue);

        // then
        assertThat(a.bundleDead()).isTrue();
        assertThat(a.deadLetters().getFirst().reason()).isEqualTo(RejectionReason.BUNDLE_BAD_ENVELOPE);
        assertThat(a.deadLetters().getFirst().bundleId()).isEmpty();
        assertThat(a.deadLetters().getFirst().line().asUtf8()).isEqualTo("{\"schemaVersion\":1,\"kind\":\"bundle\","
                + "\"reason\":\"bundle.bad_envelope\",\"detail\":\"value is not base64\",\"path\":\"$\",\"bundleId\":null,"
                + "\"source\":{\"topic\":\"lm.metrics\",\"partition\":3,\"offset\":1001},\"payloadBase64\":\"JSUl\"}");
        assertThat(JsonValues.parse(b.deadLetters().getFirst().line().bytes()).has("payloadBase64")).isFalse();
    }

    // ------------------------------------------------------------------ configured fields and partitions

    @Test
    void fanOut_findsTheOrgIdUnderTheOrgKey_inTheResourceFirstThenThePoint_elseUnknown() {
        // given
        FanOutSettings settings = FanOutSettings.defaults().withOrgKey("tenant");
        String inResource = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"tenant\",\"value\":{\"stringValue\":\"res\"}}]},"
                + "\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"gauge\":{\"dataPoints\":[{" + TIME + ",\"asInt\":1,"
                + "\"attributes\":[{\"key\":\"tenant\",\"value\":{\"stringValue\":\"pt\"}}]}]}}]}]}]}";
        String inPoint = gauge("{" + TIME + ",\"asInt\":1,\"attributes\":[{\"key\":\"tenant\",\"value\":{\"stringValue\":\"pt\"}}]}");
        String emptyInPoint = gauge("{" + TIME + ",\"asInt\":1,\"attributes\":[{\"key\":\"tenant\",\"value\":{\"stringValue\":\"\"}}]}");
        String notAString = gauge("{" + TIME + ",\"asInt\":1,\"attributes\":[{\"key\":\"tenant\",\"value\":{\"intValue\":5}}]}");
        String valueBeforeKey = gauge("{" + TIME + ",\"asInt\":1,\"attributes\":[{\"value\":{\"stringValue\":\"late\"},"
                + "\"key\":\"tenant\"}]}");
        String nonFiniteDouble = gauge("{" + TIME + ",\"asInt\":1,\"attributes\":[{\"key\":\"tenant\","
                + "\"value\":{\"doubleValue\":\"NaN\"}}]}");

        // when / then
        assertThat(onlyRow(fanOut(settings, inResource)).get("orgId").asText()).isEqualTo("res");
        assertThat(onlyRow(fanOut(settings, inPoint)).get("orgId").asText()).isEqualTo("pt");
        assertThat(onlyRow(fanOut(settings, emptyInPoint)).get("orgId").asText()).isEqualTo("_unknown");
        assertThat(onlyRow(fanOut(settings, notAString)).get("orgId").asText()).isEqualTo("_unknown");
        assertThat(onlyRow(fanOut(settings, valueBeforeKey)).get("orgId").asText()).isEqualTo("late");
        // docs/row-event.md §5 reads rendered values: a non-finite double renders as the string "NaN".
        assertThat(onlyRow(fanOut(settings, nonFiniteDouble)).get("orgId").asText()).isEqualTo("NaN");
        assertThat(onlyRow(fanOut(FanOutSettings.defaults(), inPoint)).get("orgId").asText()).isEqualTo("_unknown");
        assertThat(onlyRow(fanOut(settings.withOrgId("const"), inResource)).get("orgId").asText()).isEqualTo("const");
    }

    @Test
    void fanOut_addsThePartitionObject_onlyWhenASegmentDiffersFromItsValue() {
        // given
        String unsafeMetric = bundle("{\"name\":\"cpu usage/%\",\"gauge\":{\"dataPoints\":[{" + TIME + ",\"asInt\":1}]}}");
        String safeMetric = bundle("{\"name\":\"cpu.usage\",\"gauge\":{\"dataPoints\":[{" + TIME + ",\"asInt\":1}]}}");
        String dots = bundle("{\"name\":\"..\",\"gauge\":{\"dataPoints\":[{" + TIME + ",\"asInt\":1}]}}");

        // when
        BundleOutcome unsafe = fanOut(FanOutSettings.defaults().withOrgId("Globex Corp"), unsafeMetric);
        BundleOutcome safe = fanOut(safeMetric);
        BundleOutcome dotted = fanOut(dots);

        // then
        assertThat(onlyRow(unsafe).get("partition").toString())
                .isEqualTo("{\"orgid\":\"Globex%20Corp\",\"metric\":\"cpu%20usage%2F%25\"}");
        assertThat(unsafe.rows().getFirst().partition())
                .isEqualTo(new PartitionKey("Globex%20Corp", "cpu%20usage%2F%25", "2025-11-21", "04"));
        assertThat(onlyRow(safe).has("partition")).isFalse();
        assertThat(safe.rows().getFirst().partition()).isEqualTo(new PartitionKey("acme", "cpu.usage", "2025-11-21", "04"));
        assertThat(dotted.rows().getFirst().partition().metricSegment()).isEqualTo("%2E%2E");
    }

    @Test
    void fanOut_cutsLongAndUnicodeSegments_andKeepsTheRawValuesInTheRow() {
        // given
        String name = "Ünïcødé-" + "x".repeat(120);
        String json = bundle("{\"name\":\"" + name + "\",\"gauge\":{\"dataPoints\":[{" + TIME + ",\"asInt\":1}]}}");

        // when
        BundleOutcome outcome = fanOut(json);

        // then
        JsonNode row = onlyRow(outcome);
        assertThat(row.get("metric").asText()).isEqualTo(name);
        String segment = row.get("partition").get("metric").asText();
        assertThat(segment).hasSize(97).startsWith("%C3%9Cn%C3%AFc%C3%B8d%C3%A9-xxx").contains("~");
        assertThat(outcome.rows().getFirst().partition().metricSegment()).isEqualTo(segment);
    }

    @Test
    void fanOut_takesTheProfileFieldsFromWhereTheProfileSays() {
        // given
        String json = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":["
                + "{\"key\":\"hostName\",\"value\":{\"stringValue\":\"lm-host\"}},{\"key\":\"hostId\",\"value\":{\"stringValue\":\"42\"}},"
                + "{\"key\":\"host.name\",\"value\":{\"stringValue\":\"otel-host\"}},{\"key\":\"host.id\",\"value\":{\"stringValue\":\"h-1\"}},"
                + "{\"key\":\"service.instance.id\",\"value\":{\"stringValue\":\"svc-1\"}}]},"
                + "\"scopeMetrics\":[{\"scope\":{\"name\":\"scope\"},\"metrics\":[{\"name\":\"m\",\"gauge\":{\"dataPoints\":[{" + TIME
                + ",\"asInt\":1,\"attributes\":[{\"key\":\"dataSourceInstanceName\",\"value\":{\"stringValue\":\"ds-eth0\"}},"
                + "{\"key\":\"wildValue\",\"value\":{\"stringValue\":\"\"}}]}]}}]}]}]}";

        // when
        JsonNode lmdp = onlyRow(fanOut(json));
        JsonNode otel = onlyRow(fanOut(FanOutSettings.defaults().withOrgId("acme").withProfile(Profile.OTEL), json));

        // then
        assertThat(List.of(lmdp.get("deviceId").asText(), lmdp.get("host").asText(), lmdp.get("datasource").asText(),
                lmdp.get("instance").asText())).containsExactly("42", "lm-host", "scope", "ds-eth0");
        assertThat(List.of(otel.get("deviceId").asText(), otel.get("host").asText(), otel.get("datasource").asText(),
                otel.get("instance").asText())).containsExactly("h-1", "otel-host", "scope", "svc-1");
    }

    @Test
    void fanOut_isPure_givingEqualOutcomesForTheSameBytes() {
        // given
        String json = gauge(String.join(",", "{" + TIME + ",\"asInt\":1}", "{\"asInt\":2}"));
        BundleFanOut fanOut = new BundleFanOut(FanOutSettings.defaults());

        // when
        BundleOutcome first = fanOut.fanOut(new BundleEnvelope.RawBundle(Payload.utf8(json), SOURCE));
        BundleOutcome second = fanOut.fanOut(new BundleEnvelope.RawBundle(Payload.utf8(json), SOURCE));

        // then
        assertThat(second).isEqualTo(first);
        assertThat(first.deadLetters().getFirst().bundleId()).isEqualTo(Optional.of(first.rows().getFirst().rowId()
                .substring(0, 24)));
    }

    // ------------------------------------------------------------------ rows into a batch

    @Test
    void fanOut_intoABatch_addsTheSameRowsInOrder_andCountsThemInTheOutcome() {
        // given: two gauges, one point each, and one point without a value
        String json = bundle("{\"name\":\"a\",\"gauge\":{\"dataPoints\":[{" + TIME + ",\"asInt\":1}]}},"
                + "{\"name\":\"b\",\"gauge\":{\"dataPoints\":[{" + TIME + ",\"asInt\":2},{" + TIME + "}]}}");
        BundleEnvelope envelope = new BundleEnvelope.RawBundle(Payload.utf8(json), SOURCE);
        BundleFanOut fanOut = new BundleFanOut(FanOutSettings.defaults().withOrgId("acme"));
        RowBatch.EncodedRows batch = new RowBatch.EncodedRows();

        // when
        BundleOutcome listed = fanOut.fanOut(envelope);
        BundleOutcome batched = fanOut.fanOut(envelope, batch);

        // then
        assertThat(batch.rows()).hasSize(2).isEqualTo(listed.rows());
        assertThat(batched.rows()).isEmpty();
        assertThat(batched.batchedRows()).isEqualTo(2);
        assertThat(batched.rowCount()).isEqualTo(listed.rowCount()).isEqualTo(2);
        assertThat(batched.pointsWalked()).isEqualTo(3);
        assertThat(batched.deadLetters()).isEqualTo(listed.deadLetters()).hasSize(1);
    }

    @Test
    void fanOut_intoABatch_byAFanOutThatOnlyReturnsRows_movesThemIntoTheBatch() {
        // given: a use case written as a lambda has only the one-argument method
        BundleFanOut real = new BundleFanOut(FanOutSettings.defaults().withOrgId("acme"));
        FanOutBundle plain = real::fanOut;
        BundleEnvelope envelope = new BundleEnvelope.RawBundle(Payload.utf8(gauge("{" + TIME + ",\"asInt\":5}")), SOURCE);
        RowBatch.EncodedRows batch = new RowBatch.EncodedRows();

        // when
        BundleOutcome outcome = plain.fanOut(envelope, batch);

        // then
        assertThat(batch.rows()).isEqualTo(real.fanOut(envelope).rows()).hasSize(1);
        assertThat(outcome.rows()).isEmpty();
        assertThat(outcome.batchedRows()).isEqualTo(1);
    }
}
