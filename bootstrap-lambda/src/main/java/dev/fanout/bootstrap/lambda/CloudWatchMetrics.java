package dev.fanout.bootstrap.lambda;

import dev.fanout.ports.RejectionReason;
import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Statistic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The invocation's metrics through Micrometer's CloudWatch registry (docs/adr/0004-lambda-metrics.md): one
 * PutMetricData call at the end of each invocation, each metric under exactly its contract name with no
 * dimensions ({@code Bundles}, {@code Rows}, …), {@code Rejected} with the one dimension {@code reason}, the
 * three timers in milliseconds (Micrometer's {@code statistic} dimension dropped on the way out,
 * {@link SyncCloudWatchAsyncClient}). The values are the invocation's own (custom meters read them as they are; a
 * Micrometer counter would be published as {@code Bundles.count} with step semantics), and a reason with no
 * rejections is not sent at all, so it creates no metric.
 */
final class CloudWatchMetrics implements MetricsPublisher {

    static final String BUNDLES = "Bundles";
    static final String DEAD_BUNDLES = "DeadBundles";
    static final String POINTS = "Points";
    static final String ROWS = "Rows";
    static final String DEAD_LETTERS = "DeadLetters";
    static final String UNWRITTEN_ROWS = "UnwrittenRows";
    static final String UNWRITTEN_DEAD_LETTERS = "UnwrittenDeadLetters";
    static final String POSSIBLY_DUPLICATED_ROWS = "PossiblyDuplicatedRows";
    static final String FIREHOSE_RECORDS = "FirehoseRecords";
    static final String FIREHOSE_CALLS = "FirehoseCalls";
    static final String FIREHOSE_REFUSALS = "FirehoseRefusals";
    static final String FIREHOSE_RETRIES = "FirehoseRetries";
    static final String REJECTED = "Rejected";
    static final String REASON = "reason";
    static final String FAN_OUT_TIME = "FanOutTime";
    static final String FIREHOSE_WRITE_TIME = "FirehoseWriteTime";
    static final String S3_WRITE_TIME = "S3WriteTime";

    private final SyncCloudWatchAsyncClient client;
    private final InvocationMeterRegistry registry;

    CloudWatchMetrics(CloudWatchClient cloudWatch, String namespace, Duration callTimeout) {
        this.client = new SyncCloudWatchAsyncClient(cloudWatch);
        Objects.requireNonNull(namespace, "namespace");
        CloudWatchConfig config = new CloudWatchConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String namespace() {
                return namespace;
            }

            @Override
            public Duration readTimeout() {
                return callTimeout;
            }
        };
        this.registry = new InvocationMeterRegistry(config, Clock.SYSTEM, client);
    }

    @Override
    public boolean publish(InvocationStats stats) {
        List<Meter> meters = new ArrayList<>();
        try {
            count(meters, BUNDLES, stats.bundles());
            count(meters, DEAD_BUNDLES, stats.deadBundles());
            count(meters, POINTS, stats.points());
            count(meters, ROWS, stats.rows());
            count(meters, DEAD_LETTERS, stats.delivery().deadLettersWritten());
            count(meters, UNWRITTEN_ROWS, stats.unwrittenRows());
            count(meters, UNWRITTEN_DEAD_LETTERS, stats.unwrittenDeadLetters());
            count(meters, POSSIBLY_DUPLICATED_ROWS, stats.delivery().possiblyDuplicatedRows());
            count(meters, FIREHOSE_RECORDS, stats.delivery().firehoseRecords());
            count(meters, FIREHOSE_CALLS, stats.delivery().firehoseCalls());
            count(meters, FIREHOSE_REFUSALS, stats.delivery().firehoseRefusals());
            count(meters, FIREHOSE_RETRIES, stats.delivery().firehoseRetries());
            for (Map.Entry<RejectionReason, Long> rejected : stats.rejected().entrySet()) {
                meters.add(Meter.builder(REJECTED, Meter.Type.COUNTER, measurement(rejected.getValue()))
                        .tag(REASON, rejected.getKey().code()).baseUnit("count").register(registry));
            }
            time(meters, FAN_OUT_TIME, stats.fanOutTime());
            time(meters, FIREHOSE_WRITE_TIME, stats.delivery().firehoseWriteTime());
            time(meters, S3_WRITE_TIME, stats.delivery().s3WriteTime());
            client.resetFailure();
            registry.flush();
            return !client.failed();
        } catch (RuntimeException e) {
            return false;
        } finally {
            meters.forEach(registry::remove);
        }
    }

    private void count(List<Meter> meters, String name, long value) {
        meters.add(Meter.builder(name, Meter.Type.COUNTER, measurement(value)).baseUnit("count").register(registry));
    }

    private void time(List<Meter> meters, String name, Duration value) {
        meters.add(Meter.builder(name, Meter.Type.GAUGE, measurement(value.toNanos() / 1e6))
                .baseUnit("milliseconds").register(registry));
    }

    private static List<Measurement> measurement(double value) {
        return List.of(new Measurement(() -> value, Statistic.VALUE));
    }
}
