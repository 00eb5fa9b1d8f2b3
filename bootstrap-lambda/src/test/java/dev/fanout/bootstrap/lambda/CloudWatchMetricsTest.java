package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.ports.RejectionReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

class CloudWatchMetricsTest {

    /** A CloudWatch client keeping each request it is sent; or failing every call. */
    private static final class RecordingClient implements CloudWatchClient {
        final List<PutMetricDataRequest> requests = new ArrayList<>();
        boolean fail;

        @Override
        public PutMetricDataResponse putMetricData(PutMetricDataRequest request) {
            if (fail) {
                throw SdkClientException.create("CloudWatch down");
            }
            requests.add(request);
            return PutMetricDataResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "monitoring";
        }

        @Override
        public void close() {
        }
    }

    private static InvocationStats stats(long rows) {
        return new InvocationStats(6, 1, rows + 3, rows, Map.of(RejectionReason.BUNDLE_INVALID, 1L,
                RejectionReason.POINT_NO_VALUE, 3L), 0, 0,
                new DeliveryCounts(4, 2, 3, 2, 1, 1, Duration.ofMillis(120), Duration.ofMillis(30)),
                Duration.ofMillis(45));
    }

    private static Map<String, MetricDatum> byName(PutMetricDataRequest request) {
        Map<String, MetricDatum> data = new HashMap<>();
        for (MetricDatum datum : request.metricData()) {
            String key = datum.metricName() + datum.dimensions().stream().map(d -> "/" + d.name() + "=" + d.value())
                    .reduce("", String::concat);
            data.put(key, datum);
        }
        return data;
    }

    @Test
    void publish_sendsOneRequestPerInvocation_withExactlyTheContractNames_andNoDimensions() {
        // given
        RecordingClient client = new RecordingClient();
        CloudWatchMetrics metrics = new CloudWatchMetrics(client, "Fanout", Duration.ofSeconds(1));

        // when
        boolean sent = metrics.publish(stats(108));

        // then
        assertThat(sent).isTrue();
        assertThat(client.requests).singleElement().satisfies(request -> {
            assertThat(request.namespace()).isEqualTo("Fanout");
            Map<String, MetricDatum> data = byName(request);
            assertThat(data.keySet()).containsExactlyInAnyOrder("Bundles", "DeadBundles", "Points", "Rows",
                    "DeadLetters", "UnwrittenRows", "UnwrittenDeadLetters", "PossiblyDuplicatedRows", "FirehoseRecords",
                    "FirehoseCalls", "FirehoseRefusals", "FirehoseRetries", "Rejected/reason=bundle.invalid",
                    "Rejected/reason=point.no_value", "FanOutTime", "FirehoseWriteTime", "S3WriteTime");
            assertThat(data.get("Rows").value()).isEqualTo(108.0);
            assertThat(data.get("Rows").unit()).isEqualTo(StandardUnit.COUNT);
            assertThat(data.get("Rows").dimensions()).isEmpty();
            assertThat(data.get("Points").value()).isEqualTo(111.0);
            assertThat(data.get("DeadLetters").value()).isEqualTo(4.0);
            assertThat(data.get("PossiblyDuplicatedRows").value()).isEqualTo(2.0);
            assertThat(data.get("Rejected/reason=point.no_value").value()).isEqualTo(3.0);
            assertThat(data.get("Rejected/reason=point.no_value").dimensions())
                    .containsExactly(Dimension.builder().name("reason").value("point.no_value").build());
            assertThat(data.get("FirehoseWriteTime").value()).isEqualTo(120.0);
            assertThat(data.get("FirehoseWriteTime").unit()).isEqualTo(StandardUnit.MILLISECONDS);
            assertThat(data.get("FanOutTime").value()).isEqualTo(45.0);
        });
    }

    @Test
    void publish_reportsEachInvocationsOwnValues_notARunningTotal() {
        // given
        RecordingClient client = new RecordingClient();
        CloudWatchMetrics metrics = new CloudWatchMetrics(client, "Fanout", Duration.ofSeconds(1));

        // when
        metrics.publish(stats(108));
        metrics.publish(stats(7));

        // then
        assertThat(client.requests).hasSize(2);
        assertThat(byName(client.requests.get(1)).get("Rows").value()).isEqualTo(7.0);
        assertThat(client.requests.get(1).metricData()).hasSize(client.requests.getFirst().metricData().size());
    }

    @Test
    void publish_neverThrows_whenCloudWatchFails() {
        // given
        RecordingClient client = new RecordingClient();
        client.fail = true;
        CloudWatchMetrics metrics = new CloudWatchMetrics(client, "Fanout", Duration.ofSeconds(1));

        // when
        boolean first = metrics.publish(stats(108));
        client.fail = false;
        boolean second = metrics.publish(stats(5));

        // then: the failure is reported, and does not leak into the next invocation's request
        assertThat(first).isFalse();
        assertThat(second).isTrue();
        assertThat(client.requests).singleElement()
                .satisfies(request -> assertThat(byName(request).get("Rows").value()).isEqualTo(5.0));
    }
}
