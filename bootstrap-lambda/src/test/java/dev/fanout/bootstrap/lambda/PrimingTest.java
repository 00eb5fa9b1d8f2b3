package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The init's priming through the handlers' real components, their clients pointed at local fakes of Firehose, S3
 * and CloudWatch: it runs the first invocation's paths through its own in-memory transport, and the fakes never
 * hear of it.
 */
class PrimingTest {

    @RegisterExtension
    static final FakeServices aws = new FakeServices();

    @Test
    void await_sendsTheSyntheticEventsRowsDeadLetterAndMetricsInMemory_andNothingToTheEndpoints() {
        // given
        PipeTargetComponent component = DaggerPipeTargetComponent.factory().create(targetConfig());

        // when
        Priming.Outcome primed = component.priming().await();

        // then: one PutRecordBatch, one PutObject and one PutMetricData, each answered by the in-memory transport
        assertThat(primed.failure()).isEmpty();
        assertThat(primed.rows()).isEqualTo(2);
        assertThat(primed.deadLetters()).isEqualTo(1);
        assertThat(primed.metrics()).isTrue();
        assertThat(primed.firehoseRequests()).isEqualTo(1);
        assertThat(primed.s3Requests()).isEqualTo(1);
        assertThat(primed.cloudWatchRequests()).isEqualTo(1);
        assertThat(aws.firehoseRecords).isEmpty();
        assertThat(aws.objects).isEmpty();
        assertThat(aws.cloudWatchCalls).isEmpty();
    }

    @Test
    void aPrimedFunctionsFirstInvocation_sendsAndCountsOnlyItsOwnWork() {
        // given: a primed target (the fake Firehose refuses one record of its first call, so one retry happens)
        PipeTargetComponent component = DaggerPipeTargetComponent.factory().create(targetConfig());
        component.priming().await();
        TestLambda.Lines log = new TestLambda.Lines();

        // when
        TargetSummary summary = component.target().handle(TestLambda.sampleEvent(),
                TestLambda.invocation(Instant.now().plusSeconds(30), log));

        // then: the sample's counts alone (priming's two rows and its dead letter are nowhere), one metrics call
        assertThat(summary.unwritten()).isZero();
        assertThat(log.lines).noneMatch(line -> line.contains("priming"));
        assertThat(log.lines.getLast()).satisfies(line -> assertThat(line).contains("\"event\":\"invocation\"",
                "\"bundles\":6", "\"rows\":108", "\"deadLetters\":1", "\"firehoseCalls\":2", "\"firehoseRefusals\":1",
                "\"firehoseRetries\":1"));
        assertThat(aws.objects).hasSize(1);
        assertThat(aws.cloudWatchCalls).hasSize(1);
    }

    @Test
    void await_ofTheTransformation_packsItsRowsForTheResponse_andSendsNoneToFirehose() {
        // given: the transformation's component, which has no rows stream and no Firehose client
        Map<String, String> env = TestLambda.environment();
        env.remove("FANOUT_ROWS_STREAM");
        env.putAll(aws.endpoints());
        FirehoseTransformComponent component = DaggerFirehoseTransformComponent.factory().create(
                LambdaConfig.of(env, HandlerKind.TRANSFORM));

        // when
        Priming.Outcome primed = component.priming().await();

        // then
        assertThat(primed.failure()).isEmpty();
        assertThat(primed.firehoseRequests()).isZero();
        assertThat(primed.deadLetters()).isEqualTo(1);
        assertThat(primed.cloudWatchRequests()).isEqualTo(1);
        assertThat(aws.objects).isEmpty();
        assertThat(aws.cloudWatchCalls).isEmpty();
    }

    @Test
    void exercise_runsTheHotPathTheRoundsAsked_throughTheInMemoryTransport_andSendsNothing() {
        // given: a primed target
        PipeTargetComponent component = DaggerPipeTargetComponent.factory().create(targetConfig());
        Priming priming = component.priming();
        int requestsBefore = priming.await().firehoseRequests();

        // when
        int rounds = priming.exercise(25, Instant.now().plusSeconds(60));

        // then: one PutRecordBatch per round, answered in memory; the fakes heard nothing
        assertThat(rounds).isEqualTo(25);
        assertThat(priming.await().firehoseRequests()).isEqualTo(requestsBefore + 25);
        assertThat(aws.firehoseRecords).isEmpty();
        assertThat(aws.objects).isEmpty();
        assertThat(aws.cloudWatchCalls).isEmpty();
    }

    @Test
    void exercise_stopsAtItsDeadline() {
        // given
        Priming priming = DaggerPipeTargetComponent.factory().create(targetConfig()).priming();

        // when: a deadline already past
        int rounds = priming.exercise(1_000, Instant.now().minusSeconds(1));

        // then
        assertThat(rounds).isZero();
    }

    private static LambdaConfig targetConfig() {
        Map<String, String> env = TestLambda.environment();
        env.putAll(aws.endpoints());
        return LambdaConfig.of(env, HandlerKind.TARGET);
    }
}
