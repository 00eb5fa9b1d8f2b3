package dev.fanout.domain.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.domain.testing.CorpusFiles;
import dev.fanout.domain.testing.JsonValues;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.in.BundleOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fan-out against the golden files of the conformance corpus and an LMDP edge corpus: the rows and dead
 * letters docs/row-event.md expects, compared as JSON values, and the partitions its §4.2 JQ names. The golden
 * files are in the repository; they were written by the Python reference tool {@code rowspec.py expect}, and
 * src/test/resources/conformance/README.md says how and how to extend them. No Python runs here.
 */
class ConformanceTest {

    private static final String OTLP = "/conformance/otlp/";
    private static final String LMDP = "/conformance/lmdp/";
    private static final String EXPECTED = "/conformance/expected/";
    private static final List<String> OTLP_FILES = List.of(
            "datadog-mapping-go__otlpdata__histogram_empty-delta-exponential.json",
            "datadog-mapping-go__otlpdata__histogram_simple-delta-non-monotonic-bound.json",
            "datadog-mapping-go__otlpdata__histogram_simple-exponential.json",
            "datadog-mapping-go__otlpdata__hosts_stats.json",
            "datadog-mapping-go__otlpdata__mixed_simple.json",
            "datadog-mapping-go__otlpdata__summary_simple.json",
            "fluent-bit__in_opentelemetry__test_metrics_002.in.snake_case.json",
            "fluent-bit__internal__opentelemetry_metrics_cases.inputs.jsonl",
            "otel-collector__pmetric_json_test__metricsJSON_metadata-only.json",
            "otel-collector__testbed__k8s-metrics.legacy-v0.json",
            "otel-contrib__awscloudwatchmetricstreamsencodingextension__multiple_metrics_expected.json",
            "otel-contrib__countconnector__testdata_metrics_input.json",
            "otel-java__logging-otlp__expected-metrics-wrapper.json",
            "otel-java__logging-otlp__expected-metrics.bare-ResourceMetrics.json",
            "otel-proto__examples__metrics.json",
            "otel-proto__examples__metrics__at-c269bbe-bare-uint64.json",
            "otel-rust__integration_expected__metrics.json",
            "otel-rust__integration_expected__serialized_metrics.json",
            "otel-rust__json_serde_rs__bare_number_histogram.json",
            "otel-rust__json_serde_rs__metrics_with_nan.json");

    /** Every input file of the corpus, as a resource name. */
    static List<String> inputs() {
        return Stream.concat(OTLP_FILES.stream().map(name -> OTLP + name), Stream.of(LMDP + "lmdp-edge-seed3.jsonl"))
                .toList();
    }

    static Stream<Arguments> corpus() {
        FanOutSettings acme = FanOutSettings.defaults().withOrgId("acme");
        Stream<Arguments> otlp = OTLP_FILES.stream()
                .map(name -> Arguments.of(OTLP + name, EXPECTED + name + ".jsonl", acme));
        String edge = "lmdp-edge-seed3.jsonl";
        Stream<Arguments> lmdp = Stream.of(
                Arguments.of(LMDP + edge, EXPECTED + edge + ".jsonl.gz", acme),
                Arguments.of(LMDP + edge, EXPECTED + edge + ".org-key-tenant.jsonl.gz",
                        FanOutSettings.defaults().withOrgKey("tenant")),
                Arguments.of(LMDP + edge, EXPECTED + edge + ".otel-org-key-tenant.jsonl.gz",
                        FanOutSettings.defaults().withOrgKey("tenant").withProfile(Profile.OTEL)));
        return Stream.concat(otlp, lmdp);
    }

    @ParameterizedTest(name = "{0} with {2}")
    @MethodSource("corpus")
    void fanOut_givesTheReferenceRowsAndDeadLetters_forEveryCorpusFile(String input, String expectedFile,
                                                                          FanOutSettings settings) {
        // given
        BundleFanOut fanOut = new BundleFanOut(settings);
        List<BundleEnvelope> bundles = CorpusFiles.bundles(input);
        List<JsonNode> expected = CorpusFiles.lines(expectedFile).stream().map(JsonValues::parse).toList();

        // when
        List<Produced> produced = new ArrayList<>();
        for (BundleEnvelope bundle : bundles) {
            BundleOutcome outcome = fanOut.fanOut(bundle);
            outcome.rows().forEach(row -> produced.add(new Produced(row, null)));
            outcome.deadLetters().forEach(letter -> produced.add(new Produced(null, letter)));
        }

        // then
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < Math.max(produced.size(), expected.size()); i++) {
            if (i >= produced.size() || i >= expected.size()) {
                problems.add("item " + i + ": produced " + produced.size() + " items, expected " + expected.size());
                break;
            }
            compare(i, produced.get(i), expected.get(i), problems);
        }
        assertThat(problems).as("differences from the golden file for %s", input).isEmpty();
        assertThat(produced).as("nothing to compare in %s", input).hasSize(expected.size());
    }

    private record Produced(EncodedRow row, DeadLetter deadLetter) {
    }

    private static void compare(int i, Produced produced, JsonNode expected, List<String> problems) {
        if (expected.has("row")) {
            if (produced.row() == null) {
                problems.add("item " + i + ": expected a row, got dead letter " + produced.deadLetter().line().asUtf8());
                return;
            }
            JsonNode want = expected.get("row");
            JsonNode got = JsonValues.parse(produced.row().json().bytes());
            JsonValues.differences(got, want).forEach(d -> problems.add("row " + want.get("rowId").asText() + " " + d));
            if (!produced.row().rowId().equals(want.get("rowId").asText())) {
                problems.add("row " + i + ": EncodedRow.rowId " + produced.row().rowId());
            }
            PartitionKey jq = firehoseJq(got);
            if (!produced.row().partition().equals(jq)) {
                problems.add("row " + i + ": partition " + produced.row().partition() + " but the JQ says " + jq);
            }
            return;
        }
        JsonNode want = expected.get("dead");
        if (produced.deadLetter() == null) {
            problems.add("item " + i + ": expected dead letter " + want + ", got a row");
            return;
        }
        JsonNode got = JsonValues.parse(produced.deadLetter().line().bytes());
        List<String> keys = new ArrayList<>(List.of("kind", "reason", "path", "bundleId", "source"));
        keys.add(want.get("kind").asText().equals("point") ? "rowId" : "payloadBase64");
        if (!want.get("reason").asText().equals("bundle.malformed_json")) {
            // Python's parser words its syntax errors differently from Jackson; everything else matches.
            keys.add("detail");
        }
        for (String key : keys) {
            JsonValues.differences(got.path(key), want.path(key))
                    .forEach(d -> problems.add("dead letter " + i + " " + key + " " + d));
        }
        if (!produced.deadLetter().reason().code().equals(want.get("reason").asText())) {
            problems.add("dead letter " + i + ": DeadLetter.reason " + produced.deadLetter().reason());
        }
    }

    /** docs/row-event.md §4.2's Firehose JQ: {orgid: (.partition.orgid // .orgId), metric: (.partition.metric // .metric), dt, hour}. */
    private static PartitionKey firehoseJq(JsonNode row) {
        JsonNode partition = row.path("partition");
        String org = partition.hasNonNull("orgid") ? partition.get("orgid").asText() : row.get("orgId").asText();
        String metric = partition.hasNonNull("metric") ? partition.get("metric").asText() : row.get("metric").asText();
        return new PartitionKey(org, metric, row.get("dt").asText(), row.get("hour").asText());
    }
}
