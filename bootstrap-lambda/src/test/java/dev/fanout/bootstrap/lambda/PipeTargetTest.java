package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.adapters.local.memory.InMemoryDeadLetterSink;
import dev.fanout.adapters.local.memory.InMemoryRowSink;
import dev.fanout.domain.batch.Backoff;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.domain.batch.Sleeper;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.domain.service.ReplayService;
import dev.fanout.domain.service.ReplaySettings;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.Payload;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.RowBatch;
import dev.fanout.ports.in.BundleOutcome;
import dev.fanout.ports.in.FanOutBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipeTargetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaConfig config = TestLambda.config("FANOUT_ORG_KEY", "tenant");
    private final InMemoryLambdaComponent lambda = InMemoryLambdaComponent.of(config);
    private final TestLambda.Lines log = new TestLambda.Lines();
    private final ExecutorService workers = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void handle_writesExactlyTheDomainsRowsAndDeadLetters_andTheSummaryAddsUp() throws IOException {
        // given
        Payload event = TestLambda.sampleEvent();
        List<BundleOutcome> expected = TestLambda.domainOutcomes(event, config);
        List<EncodedRow> expectedRows = expected.stream().flatMap(o -> o.rows().stream()).toList();
        List<DeadLetter> expectedLetters = expected.stream().flatMap(o -> o.deadLetters().stream()).toList();

        // when
        TargetSummary summary = lambda.target().handle(event,
                TestLambda.invocation(Instant.now().plusSeconds(30), log));

        // then
        assertThat(lambda.rows().written()).isEqualTo(expectedRows);
        assertThat(lambda.deadLetters().written()).isEqualTo(expectedLetters).isNotEmpty();
        assertThat(summary.bundles()).isEqualTo(expected.size());
        assertThat(summary.rows()).isEqualTo(expectedRows.size());
        long rejectedPoints = summary.rejected().entrySet().stream()
                .filter(e -> e.getKey().kind() == RejectionReason.Kind.POINT).mapToLong(Map.Entry::getValue).sum();
        assertThat(summary.points()).isEqualTo(summary.rows() + rejectedPoints);
        assertThat(summary.deadLetters()).isEqualTo(expectedLetters.size());
        assertThat(summary.unwritten()).isZero();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        summary.writeTo(out);
        JsonNode response = JSON.readTree(out.toByteArray());
        assertThat(response.get("rows").asLong()).isEqualTo(expectedRows.size());
        assertThat(response.get("points").asLong()).isEqualTo(summary.points());
        assertThat(response.get("rejected").get("bundle.invalid").asLong()).isEqualTo(1);
        assertThat(response.get("unwritten").asLong()).isZero();
        assertThat(response.has("possiblyDuplicated")).isTrue();
        assertThat(response.has("deadBundles")).isTrue();
    }

    @Test
    void handle_logsOneJsonLinePerRejectedRecord_withItsKafkaProvenance_andNoData() throws IOException {
        // given
        Payload event = TestLambda.sampleEvent();

        // when
        lambda.target().handle(event, TestLambda.invocation(Instant.now().plusSeconds(30), log));

        // then
        JsonNode rejected = JSON.readTree(log.lines.stream().filter(l -> l.contains("bundle_rejected")).findFirst()
                .orElseThrow());
        assertThat(rejected.get("requestId").asText()).isEqualTo("req-1");
        assertThat(rejected.get("topic").asText()).isEqualTo("lm.metrics.otlp");
        assertThat(rejected.get("offset").asLong()).isEqualTo(1003);
        assertThat(rejected.get("rejected").get("bundle.invalid").asLong()).isEqualTo(1);
        JsonNode summary = JSON.readTree(log.lines.getLast());
        assertThat(summary.get("event").asText()).isEqualTo("invocation");
        assertThat(log.lines).noneMatch(line -> line.contains("resourceMetrics") || line.contains("10.183.14.238"));
    }

    @Test
    void handle_publishesTheInvocationsOwnCounts_everyTime() {
        // given
        Payload event = TestLambda.sampleEvent();

        // when
        lambda.target().handle(event, TestLambda.invocation(Instant.now().plusSeconds(30), log));
        lambda.target().handle(event, TestLambda.invocation(Instant.now().plusSeconds(30), log));

        // then: the second invocation reports its own dead letters, not the running total
        assertThat(lambda.metrics().published).hasSize(2);
        InvocationStats second = lambda.metrics().published.get(1);
        assertThat(second.delivery().deadLettersWritten()).isEqualTo(lambda.metrics().published.getFirst()
                .delivery().deadLettersWritten()).isPositive();
        assertThat(second.rows()).isEqualTo(108);
        assertThat(second.unwrittenRows()).isZero();
    }

    @Test
    void handle_failsTheInvocation_whenFirehoseRefusesRowsUntilTheDeadline() {
        // given
        lambda.rows().refuse(row -> true, "throttled: slow down", true);
        Instant deadline = Instant.now().plusMillis(300);

        // when / then
        assertThatThrownBy(() -> lambda.target().handle(TestLambda.sampleEvent(), TestLambda.invocation(deadline, log)))
                .isInstanceOf(UnwrittenException.class)
                .hasMessageContaining("108 rows and 0 dead letters unwritten")
                .hasMessageContaining("throttled: slow down");
        assertThat(lambda.metrics().published).singleElement()
                .satisfies(stats -> assertThat(stats.unwrittenRows()).isEqualTo(108));
    }

    @Test
    void handle_succeedsWithEveryRowWritten_whenFirehoseRefusesSomeRowsForAWhile() {
        // given
        lambda.rows().refuseTimes(row -> row.rowId().endsWith("1"), 2, "refused: ServiceUnavailableException", true);

        // when
        TargetSummary summary = lambda.target().handle(TestLambda.sampleEvent(),
                TestLambda.invocation(Instant.now().plusSeconds(30), log));

        // then
        assertThat(summary.unwritten()).isZero();
        assertThat(lambda.rows().written()).hasSize(108);
        assertThat(lambda.metrics().published.getFirst().delivery().firehoseRetries()).isPositive();
    }

    @Test
    void handle_failsTheInvocation_whenDeadLettersStayUnwritten() {
        // given
        lambda.deadLetters().refuse(letter -> true, "unavailable: S3 down", true);

        // when / then
        assertThatThrownBy(() -> lambda.target().handle(TestLambda.sampleEvent(),
                TestLambda.invocation(Instant.now().plusMillis(300), log)))
                .isInstanceOf(UnwrittenException.class).hasMessageContaining("dead letters unwritten");
    }

    @Test
    void handle_keepsABundleWhoseFanOutFails_asAnInternalErrorDeadLetter_andWritesTheOthers() {
        // given: the third record (offset 1002) fails with a defect
        BundleFanOut real = new BundleFanOut(config.fanOut());
        FanOutBundle failingThird = new FanOutBundle() {
            @Override
            public BundleOutcome fanOut(BundleEnvelope envelope) {
                return real.fanOut(envelope);
            }

            @Override
            public BundleOutcome fanOut(BundleEnvelope envelope, RowBatch rows) {
                if (envelope.source().toString().contains("offset=1002")) {
                    throw new ArrayIndexOutOfBoundsException("defect");
                }
                return real.fanOut(envelope, rows);
            }
        };
        InMemoryRowSink rows = new InMemoryRowSink();
        InMemoryDeadLetterSink letters = new InMemoryDeadLetterSink();
        RetryPolicy policy = RetryPolicy.untilDeadline(Backoff.DEFAULT, InstantSource.system(), Sleeper.THREAD,
                new SplittableRandom(1));
        RetryingRowSink retryingRows = new RetryingRowSink(rows, policy);
        RetryingDeadLetterSink retryingLetters = new RetryingDeadLetterSink(letters, policy);
        RecordingMetrics metrics = new RecordingMetrics();
        PipeTarget target = new PipeTarget(new ReplayService(failingThird, workers, InstantSource.system(),
                ReplaySettings.remote(Duration.ofSeconds(30))), retryingRows, retryingLetters,
                new DeliveryMeter(Optional.of(retryingRows), retryingLetters,
                        new DeliveryMeter.SdkCalls(new SdkCallStats(), new SdkCallStats())),
                new InvocationReport(metrics));

        // when
        TargetSummary summary = target.handle(TestLambda.sampleEvent(),
                TestLambda.invocation(Instant.now().plusSeconds(30), log));

        // then
        assertThat(summary.rejected()).containsEntry(RejectionReason.BUNDLE_INTERNAL_ERROR, 1L);
        assertThat(summary.bundles()).isEqualTo(6);
        assertThat(summary.rows()).isEqualTo(rows.written().size()).isLessThan(108).isPositive();
        assertThat(letters.written()).anySatisfy(letter -> {
            assertThat(letter.reason()).isEqualTo(RejectionReason.BUNDLE_INTERNAL_ERROR);
            assertThat(letter.line().asUtf8()).contains("\"offset\":1002", "ArrayIndexOutOfBoundsException");
        });
        assertThat(log.lines).anyMatch(line -> line.contains("\"event\":\"bundle_failed\"")
                && line.contains("\"error\":\"java.lang.ArrayIndexOutOfBoundsException\"")
                && line.contains("\"offset\":1002"));
    }
}
