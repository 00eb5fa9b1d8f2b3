package dev.fanout.bootstrap.lambda;

import dev.fanout.adapters.aws.pipes.PipesEventBundleSource;
import dev.fanout.adapters.aws.pipes.PipesEventDecoder;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.in.ReplayBundles;
import dev.fanout.ports.in.RunSummary;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The Pipe target's work on one Pipes Kafka batch: every record fanned out through the domain's replay service,
 * rows to Firehose and dead letters to S3, all by the invocation's one deadline. Bad data never fails the
 * invocation (it becomes dead letters); rows or dead letters still unwritten at the deadline do, with
 * {@link UnwrittenException}, so that the pipe retries the batch (a Kafka source has no dead-letter queue, and a
 * batch that failed for bad data would be retried until its records expire).
 */
@Singleton
final class PipeTarget {

    /** The provenance of a record without a usable topic, partition and offset; the same on every retry. */
    static final Provenance NO_KAFKA_PROVENANCE = new Provenance.WholeFile("pipes-event");

    private final ReplayBundles replay;
    private final RetryingRowSink rows;
    private final RetryingDeadLetterSink deadLetters;
    private final DeliveryMeter meter;
    private final InvocationReport report;
    private final long maxBundleBytes;

    @Inject
    PipeTarget(ReplayBundles replay, RetryingRowSink rows, RetryingDeadLetterSink deadLetters, DeliveryMeter meter,
               InvocationReport report, FanOutSettings settings) {
        this(replay, rows, deadLetters, meter, report, settings.limits().maxBundleBytes());
    }

    PipeTarget(ReplayBundles replay, RetryingRowSink rows, RetryingDeadLetterSink deadLetters, DeliveryMeter meter,
               InvocationReport report) {
        this(replay, rows, deadLetters, meter, report, PipesEventDecoder.DEFAULT_MAX_BUNDLE_BYTES);
    }

    /** @param maxBundleBytes a record value decoding to more is never decoded whole (bundle.too_large) */
    PipeTarget(ReplayBundles replay, RetryingRowSink rows, RetryingDeadLetterSink deadLetters, DeliveryMeter meter,
               InvocationReport report, long maxBundleBytes) {
        this.replay = replay;
        this.rows = rows;
        this.deadLetters = deadLetters;
        this.meter = meter;
        this.report = report;
        this.maxBundleBytes = maxBundleBytes;
    }

    /**
     * @throws UnwrittenException when rows or dead letters are unwritten at the deadline
     * @throws dev.fanout.ports.PortException on an outage or misconfiguration (no stream, access denied), or an
     *                                        input that is no Pipes event
     */
    TargetSummary handle(Payload event, Invocation invocation) {
        DeliveryCounts before = meter.snapshot();
        long started = System.nanoTime();
        RunSummary run;
        try (PipesEventBundleSource source = new PipesEventBundleSource(event, NO_KAFKA_PROVENANCE, maxBundleBytes)) {
            run = replay.replayUntil(source, rows, deadLetters, invocation.deadline(),
                    new RejectionLog(invocation.log()));
        }
        DeliveryCounts delivery = meter.snapshot().minus(before);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        TargetSummary summary = TargetSummary.of(run, delivery);
        report.finished(invocation, new InvocationStats(run.bundles(), run.deadBundles(), run.points(), run.rows(),
                run.rejectedByReason(), run.unwrittenRows(), run.unwrittenDeadLetters(), delivery,
                InvocationReport.fanOutTime(elapsed, delivery)));
        if (summary.unwritten() > 0) {
            throw new UnwrittenException(run.unwrittenRows() + " rows and " + run.unwrittenDeadLetters()
                    + " dead letters unwritten at the deadline " + invocation.deadline()
                    + "; failing the invocation so that the pipe sends the batch again"
                    + rows.tally().firstRefusal().or(() -> deadLetters.tally().firstRefusal())
                            .map(reason -> " (first refusal: " + reason + ")").orElse(""));
        }
        return summary;
    }
}
