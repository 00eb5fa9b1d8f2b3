package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.bootstrap.lambda.runtime.AwsFakes;
import dev.fanout.bootstrap.lambda.runtime.FakeRuntimeApi;
import dev.fanout.bootstrap.lambda.runtime.FakeRuntimeApi.Result;
import dev.fanout.bootstrap.lambda.runtime.LambdaProcess;
import dev.fanout.bootstrap.lambda.runtime.MetricData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Firehose data transformation as AWS runs it (the built jar under the runtime interface client): every record
 * of a transformation event answered once, in order, with what the spec's reference says of its bundle: {@code Ok}
 * with its rows and their {@code orgid}/{@code dt}/{@code hour} partition keys, {@code Dropped} without points,
 * {@code ProcessingFailed} for a bad bundle or rows in more than one partition; rejected points as dead letters in
 * S3.
 */
class FirehoseTransformIT {

    /** A bundle without data points. */
    private static final String EMPTY_BUNDLE = "{\"resourceMetrics\":[]}";
    /** Two points an hour apart (04:40 and 05:46 UTC): rows in two partitions. */
    private static final String TWO_HOURS_BUNDLE = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":"
            + "\"hostName\",\"value\":{\"stringValue\":\"h1\"}}]},\"scopeMetrics\":[{\"scope\":{\"name\":\"ds\"},"
            + "\"metrics\":[{\"name\":\"m\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"1763700000000000000\","
            + "\"asDouble\":1.5},{\"timeUnixNano\":\"1763704000000000000\",\"asDouble\":2.5}]}}]}]}]}";

    @Test
    void transformationEvent_isAnsweredRecordByRecordAsTheSpecSays() {
        // given the recorded bundles as a transformation event, one record each, plus an empty and a two-hour bundle
        ReferenceOutput reference = ReferenceOutput.load();
        Map<String, Expected> expected = expectations(reference);
        byte[] event = transformationEvent(expected);
        try (AwsFakes aws = new AwsFakes(); FakeRuntimeApi runtime = FakeRuntimeApi.start()) {
            Map<String, String> env = new HashMap<>(aws.endpoints());
            env.put("FANOUT_DEAD_LETTER_BUCKET", "fanout-data");
            env.put("FANOUT_ORG_ID", "acme");
            try (LambdaProcess function = LambdaProcess.start("dev.fanout.bootstrap.lambda.FirehoseTransformHandler",
                    runtime, env, 1024)) {

                // when
                Result result = runtime.awaitResult(runtime.invoke(event, Duration.ofSeconds(60)), Duration.ofSeconds(90));

                // then every record is answered once, in order, as expected
                assertThat(result).as(function.logText()).isInstanceOf(Result.Success.class);
                JsonNode records = ReferenceOutput.parse(((Result.Success) result).body()).path("records");
                List<String> answeredIds = new ArrayList<>();
                records.forEach(record -> answeredIds.add(record.path("recordId").asText()));
                assertThat(answeredIds).containsExactlyElementsOf(expected.keySet());
                for (JsonNode record : records) {
                    Expected want = expected.get(record.path("recordId").asText());
                    assertThat(record.path("result").asText()).as(record.path("recordId").asText())
                            .isEqualTo(want.result());
                    if (want.result().equals("Ok")) {
                        assertOkRecord(record, want);
                    } else {
                        assertThat(record.path("data").asText()).isEmpty();
                    }
                }
                // and the rejected points of Ok and Dropped records are dead letters, their source the record
                List<JsonNode> letters = new ArrayList<>();
                aws.objects().forEach(object -> new String(ReferenceOutput.gunzip(object.body()), StandardCharsets.UTF_8)
                        .lines().map(ReferenceOutput::parse).forEach(letters::add));
                List<JsonNode> wantLetters = expected.values().stream()
                        .filter(e -> !e.result().equals("ProcessingFailed"))
                        .flatMap(e -> e.pointLetters().stream()).toList();
                assertThat(letters).hasSize(wantLetters.size());
                for (JsonNode want : wantLetters) {
                    String recordId = "r-" + want.path("source").path("offset").asText();
                    JsonNode got = letters.stream().filter(l -> l.path("rowId").equals(want.path("rowId"))).findFirst()
                            .orElseThrow(() -> new AssertionError("no dead letter like " + want));
                    assertThat(got.path("source").path("file").asText()).isEqualTo("firehose/" + recordId);
                    assertThat(List.of(got.path("kind"), got.path("reason"), got.path("path"), got.path("bundleId")))
                            .isEqualTo(List.of(want.path("kind"), want.path("reason"), want.path("path"),
                                    want.path("bundleId")));
                }
                // and rows go back to Firehose in the answer, never through the function's own Firehose client
                assertThat(aws.firehoseCalls()).isEmpty();
                MetricData metrics = aws.metricCalls().getFirst();
                assertThat(metrics.plain("DeadLetters").orElseThrow().value()).isEqualTo(wantLetters.size());
            }
        }
    }

    private static void assertOkRecord(JsonNode record, Expected want) {
        String data = new String(Base64.getDecoder().decode(record.path("data").asText()), StandardCharsets.UTF_8);
        assertThat(data).endsWith("\n");
        List<JsonNode> rows = data.lines().map(ReferenceOutput::parse).toList();
        assertThat(rows.stream().map(ReferenceOutput::withoutSource).toList())
                .containsExactlyElementsOf(want.rows().stream().map(ReferenceOutput::withoutSource).toList());
        JsonNode keys = record.path("metadata").path("partitionKeys");
        JsonNode first = want.rows().getFirst();
        assertThat(keys.path("orgid").asText()).isEqualTo(first.path("orgId").asText());
        assertThat(keys.path("dt").asText()).isEqualTo(first.path("dt").asText());
        assertThat(keys.path("hour").asText()).isEqualTo(first.path("hour").asText());
    }

    /** What each record should get, by record id ({@code r-<kafka offset>}), in the event's order. */
    private static Map<String, Expected> expectations(ReferenceOutput reference) {
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (JsonNode record : ReferenceOutput.eventTree()) {
            long offset = record.path("offset").asLong();
            List<JsonNode> rows = reference.rows.stream()
                    .filter(r -> r.path("source").path("offset").asLong() == offset).toList();
            List<JsonNode> letters = reference.deadLetters.stream()
                    .filter(d -> d.path("source").path("offset").asLong() == offset).toList();
            boolean dead = letters.stream().anyMatch(d -> d.path("kind").asText().equals("bundle"));
            Set<String> partitions = new LinkedHashSet<>();
            rows.forEach(r -> partitions.add(r.path("orgId").asText() + "/" + r.path("dt").asText() + "/"
                    + r.path("hour").asText()));
            String result = dead || partitions.size() > 1 ? "ProcessingFailed" : rows.isEmpty() ? "Dropped" : "Ok";
            expected.put("r-" + offset, new Expected(record.path("value").asText(), result, rows, letters));
        }
        expected.put("r-empty", new Expected(base64(EMPTY_BUNDLE), "Dropped", List.of(), List.of()));
        expected.put("r-two-hours", new Expected(base64(TWO_HOURS_BUNDLE), "ProcessingFailed", List.of(), List.of()));
        return expected;
    }

    /** A transformation event (Firehose developer guide, data transformation) with one record per expectation, in order. */
    private static byte[] transformationEvent(Map<String, Expected> expected) {
        ObjectNode event = ReferenceOutput.JSON.createObjectNode();
        event.put("invocationId", "00540a87-5050-496a-84e4-e7d92bbaf5e2");
        event.put("deliveryStreamArn", "arn:aws:firehose:us-west-2:123456789012:deliverystream/fanout-raw");
        event.put("region", "us-west-2");
        ArrayNode records = event.putArray("records");
        long arrival = 1_763_700_000_000L;
        for (Map.Entry<String, Expected> entry : expected.entrySet()) {
            ObjectNode record = records.addObject();
            record.put("recordId", entry.getKey());
            record.put("approximateArrivalTimestamp", arrival++);
            record.put("data", entry.getValue().data());
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param data         the record's base64 data (the bundle)
     * @param result       Ok, Dropped or ProcessingFailed
     * @param rows         the reference rows of an Ok record
     * @param pointLetters the reference dead letters of its rejected points
     */
    private record Expected(String data, String result, List<JsonNode> rows, List<JsonNode> pointLetters) {
        Expected {
            pointLetters = pointLetters.stream().filter(d -> d.path("kind").asText().equals("point")).toList();
        }
    }
}
