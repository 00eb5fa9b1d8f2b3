package dev.fanout.bootstrap.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The end of every invocation: its summary line in the log and its metrics, published before it returns. A
 * metrics failure is logged, never thrown.
 */
@Singleton
final class InvocationReport {

    private final MetricsPublisher metrics;

    @Inject
    InvocationReport(MetricsPublisher metrics) {
        this.metrics = metrics;
    }

    void finished(Invocation invocation, InvocationStats stats) {
        invocation.log().info("invocation")
                .put("bundles", stats.bundles())
                .put("deadBundles", stats.deadBundles())
                .put("points", stats.points())
                .put("rows", stats.rows())
                .reasons("rejected", stats.rejected())
                .put("deadLetters", stats.delivery().deadLettersWritten())
                .put("unwrittenRows", stats.unwrittenRows())
                .put("unwrittenDeadLetters", stats.unwrittenDeadLetters())
                .put("possiblyDuplicatedRows", stats.delivery().possiblyDuplicatedRows())
                .put("firehoseCalls", stats.delivery().firehoseCalls())
                .put("firehoseRecords", stats.delivery().firehoseRecords())
                .put("firehoseRefusals", stats.delivery().firehoseRefusals())
                .put("firehoseRetries", stats.delivery().firehoseRetries())
                .put("fanOutMs", stats.fanOutTime().toMillis())
                .put("firehoseMs", stats.delivery().firehoseWriteTime().toMillis())
                .put("s3Ms", stats.delivery().s3WriteTime().toMillis())
                .write();
        boolean published;
        try {
            published = metrics.publish(stats);
        } catch (RuntimeException e) {
            published = false;
        }
        if (!published) {
            invocation.log().warn("metrics_not_sent").write();
        }
    }

    /** The time not spent in sink calls. */
    static Duration fanOutTime(Duration elapsed, DeliveryCounts delivery) {
        Duration rest = elapsed.minus(delivery.sinkTime());
        return rest.isNegative() ? Duration.ZERO : rest;
    }
}
