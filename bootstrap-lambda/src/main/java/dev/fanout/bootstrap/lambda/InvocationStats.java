package dev.fanout.bootstrap.lambda;

import dev.fanout.ports.RejectionReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one invocation did, as the metrics report it (one value per metric name, docs/adr/0004-lambda-metrics.md).
 *
 * @param bundles                records read (bundles, dead or alive)
 * @param deadBundles            bundles rejected whole
 * @param points                 data points walked ({@code rows} + rejected points)
 * @param rows                   rows made
 * @param rejected               dead letters by reason
 * @param delivery               what reached (or did not reach) Firehose and S3
 * @param fanOutTime             time spent other than in sink calls: reading, decoding, flattening, encoding
 */
record InvocationStats(long bundles, long deadBundles, long points, long rows, Map<RejectionReason, Long> rejected,
                       long unwrittenRows, long unwrittenDeadLetters, DeliveryCounts delivery, Duration fanOutTime) {

    InvocationStats {
        EnumMap<RejectionReason, Long> copy = new EnumMap<>(RejectionReason.class);
        copy.putAll(rejected);
        rejected = Map.copyOf(copy);
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(fanOutTime, "fanOutTime");
    }
}
