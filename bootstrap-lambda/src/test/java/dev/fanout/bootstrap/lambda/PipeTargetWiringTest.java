package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.adapters.aws.fakes.FirehoseWire;
import dev.fanout.adapters.aws.fakes.S3Wire;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.Payload;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Pipe target's real component (SDK clients, url-connection, endpoint overrides, interceptors, metrics) against
 * local fakes of Firehose, S3 and CloudWatch.
 */
class PipeTargetWiringTest {

    @RegisterExtension
    static final FakeServices aws = new FakeServices();

    @Test
    void handle_sendsRowsToFirehose_deadLettersToS3PathStyle_andOneMetricsCall_eachToItsOwnEndpoint() {
        // given
        Map<String, String> env = TestLambda.environment();
        env.putAll(aws.endpoints());
        LambdaConfig config = LambdaConfig.of(env, HandlerKind.TARGET);
        PipeTargetComponent component = DaggerPipeTargetComponent.factory().create(config);
        Payload event = TestLambda.sampleEvent();
        TestLambda.Lines log = new TestLambda.Lines();

        // when
        TargetSummary summary = component.target().handle(event, TestLambda.invocation(Instant.now().plusSeconds(30),
                log));

        // then: every row stored once (the refused record resent), in the domain's order
        assertThat(FirehoseWire.rows(aws.firehoseRecords)).containsExactlyInAnyOrderElementsOf(
                TestLambda.domainOutcomes(event, config).stream().flatMap(o -> o.rows().stream())
                        .map(EncodedRow::json).map(Payload::asUtf8).toList());
        assertThat(summary.unwritten()).isZero();
        assertThat(aws.objects).isNotEmpty().allSatisfy(put -> {
            assertThat(put.bucket()).isEqualTo("data-bucket");
            assertThat(put.key()).startsWith("dead-letters/reason=").endsWith(".jsonl.gz");
        });
        assertThat(aws.cloudWatchCalls).hasSize(1);
        assertThat(log.lines.getLast()).contains("\"event\":\"invocation\"", "\"firehoseCalls\":2",
                "\"firehoseRefusals\":1", "\"firehoseRetries\":1");
        assertThat(log.lines).noneMatch(line -> line.contains("metrics_not_sent"));
    }

    @Test
    void handle_writesTheSameDeadLetterObjects_whenTheBatchIsRetried() {
        // given
        Map<String, String> env = TestLambda.environment();
        env.putAll(aws.endpoints());
        env.put("FANOUT_METRICS", "off");
        PipeTargetComponent component = DaggerPipeTargetComponent.factory().create(LambdaConfig.of(env,
                HandlerKind.TARGET));
        Payload event = TestLambda.sampleEvent();

        // when
        component.target().handle(event, TestLambda.invocation(Instant.now().plusSeconds(30), new TestLambda.Lines()));
        int first = aws.objects.size();
        component.target().handle(event, TestLambda.invocation(Instant.now().plusSeconds(30), new TestLambda.Lines()));

        // then: a retried batch overwrites its own objects, never adds others
        assertThat(aws.objects.subList(first, aws.objects.size())).extracting(S3Wire.PutObject::key)
                .isEqualTo(aws.objects.subList(0, first).stream().map(S3Wire.PutObject::key).toList());
        assertThat(aws.cloudWatchCalls).isEmpty();
    }
}
