package dev.fanout.bootstrap.lambda;

import dev.fanout.adapters.aws.firehose.FirehoseTransformEventDecoder;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Payload;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.in.BundleOutcome;
import dev.fanout.ports.in.BundleReport;
import dev.fanout.ports.in.FanOutBundle;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Firehose stream's data transformation, for streams fed raw bundles (Direct PUT, API Gateway): each input
 * record is one bundle and is answered exactly once, in order:
 * <ul>
 * <li>{@code Ok} when it has rows: data = its rows, newline-delimited, base64; {@code metadata.partitionKeys}
 * {@code orgid}, {@code dt}, {@code hour} (the stream's prefix uses them; one output record cannot be split by
 * metric);</li>
 * <li>{@code ProcessingFailed} when its rows span more than one of those partitions (a row must never land in a
 * folder its keys contradict), when the bundle is bad (its spec reason is logged with the record id), or when
 * the response would outgrow Firehose's 6 MB; Firehose keeps such records in its error output;</li>
 * <li>{@code Dropped} when it has no data points, or all of them were rejected.</li>
 * </ul>
 * Rejected points of answered records become dead letters in S3, by the invocation's deadline; unwritten ones
 * fail the invocation, so Firehose invokes again with the same records (nothing was delivered yet).
 */
@Singleton
final class FirehoseTransform {

    /** Firehose's limit on a transformation response, 6 MB, counted in decimal megabytes to be safe. */
    static final long MAX_RESPONSE_BYTES = 6_000_000;

    private final FanOutBundle fanOut;
    private final RetryingDeadLetterSink deadLetters;
    private final DeliveryMeter meter;
    private final InvocationReport report;
    private final long maxResponseBytes;

    @Inject
    FirehoseTransform(FanOutBundle fanOut, RetryingDeadLetterSink deadLetters, DeliveryMeter meter,
                      InvocationReport report) {
        this(fanOut, deadLetters, meter, report, MAX_RESPONSE_BYTES);
    }

    FirehoseTransform(FanOutBundle fanOut, RetryingDeadLetterSink deadLetters, DeliveryMeter meter,
                      InvocationReport report, long maxResponseBytes) {
        this.fanOut = fanOut;
        this.deadLetters = deadLetters;
        this.meter = meter;
        this.report = report;
        this.maxResponseBytes = maxResponseBytes;
    }

    TransformResponse handle(Payload event, Invocation invocation) {
        DeliveryCounts before = meter.snapshot();
        long started = System.nanoTime();
        RejectionLog rejections = new RejectionLog(invocation.log());
        TransformResponse response = new TransformResponse();
        List<DeadLetter> letters = new ArrayList<>();
        Map<RejectionReason, Long> rejected = new EnumMap<>(RejectionReason.class);
        long bundles = 0;
        long deadBundles = 0;
        long points = 0;
        long rows = 0;
        try (FirehoseTransformEventDecoder records = FirehoseTransformEventDecoder.open(event)) {
            for (var next = records.next(); next.isPresent(); next = records.next()) {
                String recordId = next.get().recordId();
                BundleOutcome outcome = fanOut.fanOut(next.get().envelope());
                BundleReport bundle = BundleReport.of(next.get().envelope().source(), outcome, Optional.empty());
                rejections.bundleDone(bundle);
                bundles++;
                if (outcome.bundleDead()) {
                    deadBundles++;
                    bundle.rejected().forEach((reason, count) -> rejected.merge(reason, count, Long::sum));
                    failed(response, recordId, outcome.deadLetters().getFirst().reason().code(), invocation);
                    continue;
                }
                Set<String> partitions = new LinkedHashSet<>();
                for (EncodedRow row : outcome.rows()) {
                    PartitionKey key = row.partition();
                    partitions.add(key.orgSegment() + "/" + key.dt() + "/" + key.hour());
                }
                if (partitions.size() > 1) {
                    failed(response, recordId, "rows span " + partitions.size()
                            + " orgid/dt/hour partitions; one output record has one", invocation);
                    continue;
                }
                TransformResponse.Entry entry = outcome.rows().isEmpty()
                        ? new TransformResponse.Entry(recordId, TransformResponse.Result.DROPPED, "", Optional.empty())
                        : new TransformResponse.Entry(recordId, TransformResponse.Result.OK,
                                TransformResponse.okData(outcome.rows()),
                                Optional.of(outcome.rows().getFirst().partition()));
                if (response.size() + entry.size() > maxResponseBytes) {
                    failed(response, recordId, "the response would exceed " + maxResponseBytes
                            + " bytes; lower the processor's BufferSizeInMBs", invocation);
                    continue;
                }
                response.add(entry);
                points += outcome.pointsWalked();
                rows += outcome.rows().size();
                letters.addAll(outcome.deadLetters());
                bundle.rejected().forEach((reason, count) -> rejected.merge(reason, count, Long::sum));
            }
        }
        long unwrittenLetters = letters.isEmpty() ? 0
                : deadLetters.write(letters, invocation.deadline()).refused().size();
        DeliveryCounts delivery = meter.snapshot().minus(before);
        report.finished(invocation, new InvocationStats(bundles, deadBundles, points, rows, rejected, 0,
                unwrittenLetters, delivery,
                InvocationReport.fanOutTime(Duration.ofNanos(System.nanoTime() - started), delivery)));
        if (unwrittenLetters > 0) {
            throw new UnwrittenException(unwrittenLetters + " dead letters unwritten at the deadline "
                    + invocation.deadline() + "; failing the invocation so that Firehose invokes it again");
        }
        return response;
    }

    /**
     * Answers a record {@code ProcessingFailed}: Firehose keeps its raw data in the error output; the reason is
     * logged with the record id (the answer has no field for it). Its rows and dead letters are dropped, so a
     * redrive of the error output makes them exactly once.
     */
    private static void failed(TransformResponse response, String recordId, String reason, Invocation invocation) {
        response.add(new TransformResponse.Entry(recordId, TransformResponse.Result.PROCESSING_FAILED, "",
                Optional.empty()));
        invocation.log().warn("record_failed").put("recordId", recordId).put("reason", reason).write();
    }
}
