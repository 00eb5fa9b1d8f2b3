package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.adapters.aws.fakes.S3Wire;
import dev.fanout.bootstrap.lambda.runtime.AwsFakes;
import dev.fanout.bootstrap.lambda.runtime.FakeRuntimeApi;
import dev.fanout.bootstrap.lambda.runtime.FunctionUnderTest;
import dev.fanout.bootstrap.lambda.runtime.FakeRuntimeApi.Result;
import dev.fanout.bootstrap.lambda.runtime.LambdaProcess;
import dev.fanout.bootstrap.lambda.runtime.MetricData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Pipe target as AWS runs it: the built jar in its own JVM under the runtime interface client, invoked through
 * a fake Lambda Runtime API, writing to WireMock Firehose, S3 and CloudWatch. One function JVM serves every test
 * here, one invocation each, as one Lambda execution environment serves consecutive batches.
 */
class PipeTargetIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STREAM = "fanout-rows";
    private static final String BUCKET = "fanout-data";

    @RegisterExtension
    static final FunctionUnderTest lambda = FunctionUnderTest.of("dev.fanout.bootstrap.lambda.PipeTargetHandler",
            Map.of("FANOUT_ROWS_STREAM", STREAM,
                    "FANOUT_DEAD_LETTER_BUCKET", BUCKET,
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
    void recordedBatch_isAnsweredWithTheSpecsCounts_andStoresTheSpecsRowsAndDeadLetters() {
        // given the recorded batch and a Firehose that stores everything

        // when
        Result result = invokeAndWait(ReferenceOutput.event(), Duration.ofSeconds(60));

        // then the summary counts what the reference counts
        assertThat(result).as(function.logText()).isInstanceOf(Result.Success.class);
        JsonNode summary = ReferenceOutput.parse(((Result.Success) result).body());
        assertThat(summary.path("bundles").asLong()).isEqualTo(reference.bundles());
        assertThat(summary.path("deadBundles").asLong()).isEqualTo(reference.deadBundles());
        assertThat(summary.path("rows").asLong()).isEqualTo(reference.rows.size());
        assertThat(summary.path("points").asLong()).isEqualTo(reference.rows.size() + reference.rejectedPoints());
        assertThat(rejected(summary)).isEqualTo(reference.rejectedByReason());
        assertThat(summary.path("deadLetters").asLong()).isEqualTo(reference.deadLetters.size());
        assertThat(summary.path("possiblyDuplicated").asLong()).isZero();
        assertThat(summary.path("unwritten").asLong()).isZero();
        // and Firehose holds exactly the reference rows, once each, in packed records of the configured stream
        assertThat(storedRowsById()).isEqualTo(reference.rowsById());
        assertThat(aws.storedRows()).hasSize(reference.rows.size());
        assertThat(aws.firehoseCalls()).allSatisfy(call -> assertThat(call.stream()).isEqualTo(STREAM));
        assertThat(aws.firehoseRecords().size()).isLessThan(reference.rows.size());
        // and S3 holds the reference dead letters under dead-letters/reason=<their reason>/
        List<JsonNode> letters = storedDeadLetters();
        assertThat(letters).hasSize(reference.deadLetters.size());
        for (JsonNode want : reference.deadLetters) {
            JsonNode got = letters.stream()
                    .filter(l -> l.path("reason").equals(want.path("reason")) && l.path("source").equals(want.path("source"))
                            && l.path("rowId").equals(want.path("rowId")))
                    .findFirst().orElseThrow(() -> new AssertionError("no dead letter like " + want));
            assertThat(ReferenceOutput.deadLetterDifferences(got, want)).isEmpty();
        }
        // and one PutMetricData call carried the invocation's counts under the contract names
        assertThat(aws.metricCalls()).hasSize(1);
        MetricData metrics = aws.metricCalls().getFirst();
        assertThat(metrics.path()).endsWith("/service/GraniteServiceVersion20100801/operation/PutMetricData");
        assertThat(metrics.namespace()).isEqualTo("Fanout");
        assertThat(value(metrics, "Bundles")).isEqualTo(reference.bundles());
        assertThat(value(metrics, "DeadBundles")).isEqualTo(reference.deadBundles());
        assertThat(value(metrics, "Points")).isEqualTo(reference.rows.size() + reference.rejectedPoints());
        assertThat(value(metrics, "Rows")).isEqualTo(reference.rows.size());
        assertThat(value(metrics, "DeadLetters")).isEqualTo(reference.deadLetters.size());
        assertThat(value(metrics, "UnwrittenRows")).isZero();
        assertThat(value(metrics, "UnwrittenDeadLetters")).isZero();
        assertThat(value(metrics, "FirehoseRecords")).isEqualTo(aws.firehoseRecords().size());
        assertThat(value(metrics, "FirehoseCalls")).isEqualTo(aws.firehoseCalls().size());
        assertThat(value(metrics, "FirehoseRefusals")).isZero();
        assertThat(metrics.plain("FanOutTime")).isPresent();
        assertThat(metrics.plain("FirehoseWriteTime")).isPresent();
        assertThat(metrics.plain("S3WriteTime")).isPresent();
        Map<String, Long> rejectedMetric = new TreeMap<>();
        metrics.rejectedByReason().forEach((reason, count) -> rejectedMetric.put(reason, Math.round(count)));
        assertThat(rejectedMetric).isEqualTo(reference.rejectedByReason());
    }

    @Test
    void firehoseRefusingSomeRecords_isRetried_andTheInvocationSucceedsWithEveryRowStoredOnce() {
        // given a Firehose that refuses every third record of its next three calls
        aws.firehoseRefuses((call, records) -> call <= 3 ? AwsFakes.FirehoseRefusals.every(3, records) : Map.of());

        // when
        Result result = invokeAndWait(ReferenceOutput.event(), Duration.ofSeconds(60));

        // then
        assertThat(result).as(function.logText()).isInstanceOf(Result.Success.class);
        JsonNode summary = ReferenceOutput.parse(((Result.Success) result).body());
        assertThat(summary.path("rows").asLong()).isEqualTo(reference.rows.size());
        assertThat(summary.path("unwritten").asLong()).isZero();
        assertThat(aws.firehoseCalls().stream().mapToInt(AwsFakes.Call::refused).sum()).isPositive();
        assertThat(storedRowsById()).isEqualTo(reference.rowsById());
        assertThat(aws.storedRows()).hasSize(reference.rows.size());
        MetricData metrics = aws.metricCalls().getFirst();
        assertThat(value(metrics, "FirehoseRefusals")).isPositive();
        assertThat(value(metrics, "FirehoseRetries")).isPositive();
        assertThat(value(metrics, "UnwrittenRows")).isZero();
    }

    @Test
    void firehoseRefusingEverything_failsTheInvocationBeforeItsDeadline_soThatThePipeRetriesTheBatch() {
        // given a Firehose that refuses every record, and an invocation with 10 s to run
        aws.firehoseRefuses(AwsFakes.FirehoseRefusals.ALL);
        Duration timeout = Duration.ofSeconds(10);

        // when
        FakeRuntimeApi.Invocation invocation = runtime.invoke(ReferenceOutput.event(), timeout);
        Result result = runtime.awaitResult(invocation, WAIT);

        // then the function reported an error, not a summary, before Lambda would have ended it
        assertThat(result).as(function.logText()).isInstanceOf(Result.Failure.class);
        Result.Failure failure = (Result.Failure) result;
        Instant deadline = invocation.takenAt().join().plus(timeout);
        assertThat(failure.at()).isBefore(deadline);
        assertThat(failure.body()).contains("UnwrittenException").contains("unwritten at the deadline");
        // and it kept trying until then, and said in its metrics what it could not write
        assertThat(aws.firehoseCalls().size()).isGreaterThan(1);
        assertThat(aws.storedRows()).isEmpty();
        // (the rows it made by then: reading stops at the deadline, and the pipe sends the whole batch again)
        MetricData metrics = aws.metricCalls().getFirst();
        assertThat(value(metrics, "UnwrittenRows")).isPositive().isEqualTo(value(metrics, "Rows"));
        // and the function lives on for the pipe's retry
        assertThat(function.isAlive()).isTrue();
    }

    @Test
    void theLog_isTheFunctionsOwnJsonEvents_anInitNamingItsCompilationTier_andAnInvocationWithItsRequestId()
            throws InterruptedException {
        // given a function started as the java21 runtime starts it (C1 only unless JAVA_TOOL_OPTIONS says otherwise)

        // when it serves one batch
        FakeRuntimeApi.Invocation invocation = runtime.invoke(ReferenceOutput.event(), WAIT);
        Result result = runtime.awaitResult(invocation, WAIT);
        assertThat(result).as(function.logText()).isInstanceOf(Result.Success.class);

        // then its log events are its own JSON objects, not strings inside the runtime client's
        List<JsonNode> init = logEvents("init", 1);
        assertThat(init).as(function.logText()).singleElement().satisfies(event -> {
            assertThat(event.path("level").asText()).isEqualTo("INFO");
            assertThat(event.path("handler").asText()).isEqualTo("target");
            assertThat(event.path("tieredStopAtLevel").asInt()).isEqualTo(1);
            assertThat(event.path("primed").asBoolean()).isTrue();
        });
        List<JsonNode> invocations = logEvents("invocation", 1);
        assertThat(invocations).as(function.logText()).anySatisfy(event -> {
            assertThat(event.path("requestId").asText()).isEqualTo(invocation.requestId());
            assertThat(event.path("level").asText()).isEqualTo("INFO");
            assertThat(event.path("rows").asLong()).isEqualTo(reference.rows.size());
        });
    }

    /** The function's log events named {@code event}, once at least {@code atLeast} have been read (5 s at most). */
    private static List<JsonNode> logEvents(String event, int atLeast) throws InterruptedException {
        List<JsonNode> events = List.of();
        for (int attempt = 0; attempt < 50 && events.size() < atLeast; attempt++) {
            if (attempt > 0) {
                // the process's output is read on a thread of its own, a moment behind the response
                Thread.sleep(100);
            }
            events = function.log().stream().filter(line -> line.startsWith("{")).map(ReferenceOutput::parse)
                    .filter(node -> node.path("event").asText().equals(event)).toList();
        }
        return events;
    }

    private static Result invokeAndWait(byte[] event, Duration timeout) {
        return runtime.awaitResult(runtime.invoke(event, timeout), WAIT);
    }

    private static Map<String, Long> rejected(JsonNode summary) {
        Map<String, Long> rejected = new TreeMap<>();
        summary.path("rejected").properties().forEach(e -> rejected.put(e.getKey(), e.getValue().asLong()));
        return rejected;
    }

    private static Map<String, JsonNode> storedRowsById() {
        Map<String, JsonNode> byId = new HashMap<>();
        for (String row : aws.storedRows()) {
            JsonNode node = ReferenceOutput.parse(row);
            byId.put(node.path("rowId").asText(), node);
        }
        return byId;
    }

    private static List<JsonNode> storedDeadLetters() {
        List<JsonNode> letters = new ArrayList<>();
        for (S3Wire.PutObject object : aws.objects()) {
            assertThat(object.bucket()).isEqualTo(BUCKET);
            String folder = "dead-letters/reason=";
            assertThat(object.key()).matches(folder + "[a-z_.]+/[^/]+\\.jsonl\\.gz");
            String reason = object.key().substring(folder.length(), object.key().indexOf('/', folder.length()));
            String text = new String(ReferenceOutput.gunzip(object.body()), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                JsonNode letter = ReferenceOutput.parse(line);
                assertThat(letter.path("reason").asText()).isEqualTo(reason);
                letters.add(letter);
            }
        }
        return letters;
    }

    private static long value(MetricData metrics, String name) {
        return Math.round(metrics.plain(name).orElseThrow(() -> new AssertionError("no datum " + name + " in " + metrics)).value());
    }
}
