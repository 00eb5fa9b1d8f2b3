package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.Payload;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.in.BundleOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipeEnrichmentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaConfig config = TestLambda.config();
    private final InMemoryLambdaComponent lambda = InMemoryLambdaComponent.of(config);
    private final TestLambda.Lines log = new TestLambda.Lines();

    private List<EncodedRow> expectedRows(Payload event) {
        return TestLambda.domainOutcomes(event, config).stream().flatMap(o -> o.rows().stream()).toList();
    }

    @Test
    void handle_answersTheRowsAsAJsonArrayOfRowObjects_andKeepsDeadLettersInS3() throws IOException {
        // given
        Payload event = TestLambda.sampleEvent();
        List<EncodedRow> expected = expectedRows(event);

        // when
        byte[] response = lambda.enrichment().handle(event, TestLambda.invocation(Instant.now().plusSeconds(30), log));

        // then
        JsonNode array = JSON.readTree(response);
        assertThat(array.isArray()).isTrue();
        List<JsonNode> rows = new ArrayList<>();
        array.forEach(rows::add);
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)).isEqualTo(JSON.readTree(expected.get(i).json().bytes()));
        }
        assertThat(lambda.rows().written()).isEmpty();
        assertThat(lambda.deadLetters().written()).hasSize((int) TestLambda.domainOutcomes(event, config).stream()
                .mapToLong(o -> o.deadLetters().size()).sum()).isNotEmpty();
    }

    @Test
    void handle_writesTheRowsToFirehoseAndAnswersAnEmptyArray_whenTheResponseWouldBeTooLarge() {
        // given: a limit below the sample's 108 rows
        Payload event = TestLambda.sampleEvent();
        PipeEnrichment small = withResponseLimit(10_000);

        // when
        byte[] response = small.handle(event, TestLambda.invocation(Instant.now().plusSeconds(30), log));

        // then: every row once, in Firehose; none in the answer
        assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo("[]");
        assertThat(lambda.rows().written()).isEqualTo(expectedRows(event));
        assertThat(log.lines).anyMatch(line -> line.contains("\"event\":\"response_overflow\""));
    }

    @Test
    void handle_failsTheInvocation_whenOverflowRowsStayUnwritten() {
        // given
        lambda.rows().refuse(row -> true, "throttled: slow down", true);
        PipeEnrichment small = withResponseLimit(10_000);

        // when / then
        assertThatThrownBy(() -> small.handle(TestLambda.sampleEvent(),
                TestLambda.invocation(Instant.now().plusMillis(300), log)))
                .isInstanceOf(UnwrittenException.class).hasMessageContaining("108 rows");
    }

    @Test
    void handle_countsAddUp_inTheInvocationsMetrics() {
        // given
        Payload event = TestLambda.sampleEvent();
        List<BundleOutcome> outcomes = TestLambda.domainOutcomes(event, config);

        // when
        lambda.enrichment().handle(event, TestLambda.invocation(Instant.now().plusSeconds(30), log));

        // then
        InvocationStats stats = lambda.metrics().published.getFirst();
        assertThat(stats.bundles()).isEqualTo(outcomes.size());
        assertThat(stats.deadBundles()).isEqualTo(outcomes.stream().filter(BundleOutcome::bundleDead).count());
        long rejectedPoints = stats.rejected().entrySet().stream()
                .filter(e -> e.getKey().kind() == RejectionReason.Kind.POINT)
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(stats.points()).isEqualTo(stats.rows() + rejectedPoints);
        assertThat(stats.delivery().deadLettersWritten()).isEqualTo(lambda.deadLetters().written().size());
    }

    /** The enrichment over the same in-memory sinks, with a response limit of {@code bytes}. */
    private PipeEnrichment withResponseLimit(int bytes) {
        RetryingDeadLetterSink letters = new RetryingDeadLetterSink(lambda.deadLetters(), TestLambda.policy());
        return new PipeEnrichment(new BundleFanOut(config.fanOut()), new RetryingRowSink(lambda.rows(),
                TestLambda.policy()), letters, TestLambda.meter(Optional.empty(), letters),
                new InvocationReport(lambda.metrics()), bytes);
    }
}
