package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.bootstrap.lambda.runtime.AwsFakes;
import dev.fanout.bootstrap.lambda.runtime.FakeRuntimeApi;
import dev.fanout.bootstrap.lambda.runtime.FunctionUnderTest;
import dev.fanout.bootstrap.lambda.runtime.FakeRuntimeApi.Result;
import dev.fanout.bootstrap.lambda.runtime.LambdaProcess;
import dev.fanout.bootstrap.lambda.runtime.MetricData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Pipe enrichment as AWS runs it (the built jar under the runtime interface client, one JVM for both tests):
 * rows answered as a JSON array the pipe hands to its Firehose target, and, when that answer would pass Pipes' 6 MB
 * limit, rows written to Firehose by the function and {@code []} answered.
 */
class PipeEnrichmentIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String STREAM = "fanout-rows";

    @RegisterExtension
    static final FunctionUnderTest lambda = FunctionUnderTest.of("dev.fanout.bootstrap.lambda.PipeEnrichmentHandler",
            Map.of("FANOUT_ROWS_STREAM", STREAM,
                    "FANOUT_DEAD_LETTER_BUCKET", "fanout-data",
                    "FANOUT_DEAD_LETTER_PREFIX", "pipes/enrichment",
                    "FANOUT_ORG_ID", "acme"));

    private static AwsFakes aws;
    private static FakeRuntimeApi runtime;
    private static LambdaProcess function;
    private static ReferenceOutput reference;

    @BeforeAll
    static void takeTheFunctionsParts() {
        reference = ReferenceOutput.load();
        aws = lambda.aws();
        runtime = lambda.runtime();
        function = lambda.function();
    }

    @Test
    void recordedBatch_isAnsweredWithTheSpecsRowsAsAnArray_andItsDeadLettersGoToS3() {
        // given the recorded batch, whose rows fit in one answer

        // when
        Result result = runtime.awaitResult(runtime.invoke(ReferenceOutput.event(), Duration.ofSeconds(60)), WAIT);

        // then the answer is the reference rows, each one element, and nothing went to Firehose
        assertThat(result).as(function.logText()).isInstanceOf(Result.Success.class);
        JsonNode answer = ReferenceOutput.parse(((Result.Success) result).body());
        assertThat(answer.isArray()).isTrue();
        assertThat(answer).hasSize(reference.rows.size());
        Map<String, JsonNode> answered = new HashMap<>();
        answer.forEach(row -> answered.put(row.path("rowId").asText(), row));
        assertThat(answered).isEqualTo(reference.rowsById());
        assertThat(aws.firehoseCalls()).isEmpty();
        // and the dead letters are in S3 under the configured prefix
        assertThat(aws.objects()).isNotEmpty().allSatisfy(object ->
                assertThat(object.key()).startsWith("pipes/enrichment/dead-letters/reason="));
        long letters = aws.objects().stream()
                .mapToLong(o -> new String(ReferenceOutput.gunzip(o.body()), StandardCharsets.UTF_8).lines().count())
                .sum();
        assertThat(letters).isEqualTo(reference.deadLetters.size());
        // and the metrics say so
        MetricData metrics = aws.metricCalls().getFirst();
        assertThat(metrics.plain("Rows").orElseThrow().value()).isEqualTo(reference.rows.size());
        assertThat(metrics.plain("FirehoseRecords").orElseThrow().value()).isZero();
    }

    @Test
    void batchWhoseRowsExceedSixMegabytes_writesThemToFirehose_andAnswersAnEmptyArray() {
        // given the recorded batch six times over (other offsets): about 5 MB of event, 7 MB of rows
        byte[] event = repeated(6);

        // when
        Result result = runtime.awaitResult(runtime.invoke(event, Duration.ofSeconds(60)), WAIT);

        // then the pipe gets [] (so it sends nothing on), and Firehose holds every row exactly once
        assertThat(result).as(function.logText()).isInstanceOf(Result.Success.class);
        assertThat(((Result.Success) result).text()).isEqualTo("[]");
        List<String> stored = aws.storedRows();
        assertThat(stored).hasSize(6 * reference.rows.size());
        long rowBytes = stored.stream().mapToLong(row -> row.getBytes(StandardCharsets.UTF_8).length + 1L).sum();
        assertThat(rowBytes).as("the rows as one array would pass the 6 MB limit").isGreaterThan(6_000_000L);
        Map<String, List<JsonNode>> byId = stored.stream().map(ReferenceOutput::parse)
                .collect(Collectors.groupingBy(row -> row.path("rowId").asText()));
        assertThat(byId.keySet()).isEqualTo(reference.rowsById().keySet());
        byId.forEach((rowId, copies) -> {
            assertThat(copies.stream().map(row -> row.path("source")).distinct()).hasSize(6);
            assertThat(copies.stream().map(ReferenceOutput::withoutSource).distinct())
                    .containsExactly(ReferenceOutput.withoutSource(reference.rowsById().get(rowId)));
        });
        assertThat(aws.firehoseCalls()).allSatisfy(call -> assertThat(call.stream()).isEqualTo(STREAM));
        assertThat(aws.metricCalls().getFirst().plain("UnwrittenRows").orElseThrow().value()).isZero();
    }

    /** The recorded event's records {@code times} over, each copy at offsets 100,000 further on. */
    private static byte[] repeated(int times) {
        JsonNode records = ReferenceOutput.eventTree();
        ArrayNode event = ReferenceOutput.JSON.createArrayNode();
        for (int copy = 0; copy < times; copy++) {
            for (JsonNode record : records) {
                ObjectNode moved = record.deepCopy();
                moved.put("offset", record.path("offset").asLong() + copy * 100_000L);
                event.add(moved);
            }
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
