package dev.fanout.bootstrap.lambda;

import dev.fanout.adapters.aws.pipes.PipesEventBundleSource;
import dev.fanout.adapters.aws.pipes.PipesEventDecoder;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.Payload;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.in.BundleOutcome;
import dev.fanout.ports.in.BundleReport;
import dev.fanout.ports.in.FanOutBundle;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipe enrichment's work on one Pipes Kafka batch: the rows go back as the response, a JSON array whose
 * elements are the row objects (the pipe sends each to its Firehose target as one record); dead letters go to S3.
 * When the array would exceed the pipe's 6 MB response limit, the rows are written to Firehose here instead and
 * the answer is {@code []}, which skips the target: nothing is lost, nothing is sent twice. Unwritten rows or dead
 * letters at the deadline fail the invocation ({@link UnwrittenException}), as with the target.
 */
@Singleton
final class PipeEnrichment {

    /** The pipe's limit on an enrichment response, 6 MB, counted in decimal megabytes to be safe. */
    static final int MAX_RESPONSE_BYTES = 6_000_000;

    private final FanOutBundle fanOut;
    private final RetryingRowSink rows;
    private final RetryingDeadLetterSink deadLetters;
    private final DeliveryMeter meter;
    private final InvocationReport report;
    private final int maxResponseBytes;
    private final long maxBundleBytes;

    @Inject
    PipeEnrichment(FanOutBundle fanOut, RetryingRowSink rows, RetryingDeadLetterSink deadLetters, DeliveryMeter meter,
                   InvocationReport report, FanOutSettings settings) {
        this(fanOut, rows, deadLetters, meter, report, MAX_RESPONSE_BYTES, settings.limits().maxBundleBytes());
    }

    PipeEnrichment(FanOutBundle fanOut, RetryingRowSink rows, RetryingDeadLetterSink deadLetters, DeliveryMeter meter,
                   InvocationReport report, int maxResponseBytes) {
        this(fanOut, rows, deadLetters, meter, report, maxResponseBytes, PipesEventDecoder.DEFAULT_MAX_BUNDLE_BYTES);
    }

    /** @param maxBundleBytes a record value decoding to more is never decoded whole (bundle.too_large) */
    PipeEnrichment(FanOutBundle fanOut, RetryingRowSink rows, RetryingDeadLetterSink deadLetters, DeliveryMeter meter,
                   InvocationReport report, int maxResponseBytes, long maxBundleBytes) {
        this.maxBundleBytes = maxBundleBytes;
        this.fanOut = fanOut;
        this.rows = rows;
        this.deadLetters = deadLetters;
        this.meter = meter;
        this.report = report;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** The response: the rows as a JSON array, or {@code []} when they went to Firehose directly. */
    byte[] handle(Payload event, Invocation invocation) {
        DeliveryCounts before = meter.snapshot();
        long started = System.nanoTime();
        RejectionLog rejections = new RejectionLog(invocation.log());
        List<EncodedRow> made = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        long bundles = 0;
        long deadBundles = 0;
        long points = 0;
        long responseBytes = 2;
        Map<RejectionReason, Long> rejected = new EnumMap<>(RejectionReason.class);
        try (PipesEventBundleSource source = new PipesEventBundleSource(event, PipeTarget.NO_KAFKA_PROVENANCE, maxBundleBytes)) {
            for (Optional<BundleEnvelope> next = source.next(); next.isPresent(); next = source.next()) {
                BundleOutcome outcome = fanOut.fanOut(next.get());
                bundles++;
                deadBundles += outcome.bundleDead() ? 1 : 0;
                points += outcome.pointsWalked();
                for (EncodedRow row : outcome.rows()) {
                    responseBytes += row.json().size() + (made.isEmpty() ? 0 : 1);
                    made.add(row);
                }
                letters.addAll(outcome.deadLetters());
                BundleReport bundle = BundleReport.of(next.get().source(), outcome, Optional.empty());
                bundle.rejected().forEach((reason, count) -> rejected.merge(reason, count, Long::sum));
                rejections.bundleDone(bundle);
            }
        }
        long unwrittenLetters = letters.isEmpty() ? 0
                : deadLetters.write(letters, invocation.deadline()).refused().size();
        boolean overflow = responseBytes > maxResponseBytes;
        long unwrittenRows = 0;
        if (overflow && !made.isEmpty()) {
            WriteOutcome<EncodedRow> outcome = rows.write(made, invocation.deadline());
            unwrittenRows = outcome.refused().size();
            invocation.log().info("response_overflow").put("rows", made.size()).put("responseBytes", responseBytes)
                    .put("limit", maxResponseBytes).write();
        }
        DeliveryCounts delivery = meter.snapshot().minus(before);
        report.finished(invocation, new InvocationStats(bundles, deadBundles, points, made.size(), rejected,
                unwrittenRows, unwrittenLetters, delivery,
                InvocationReport.fanOutTime(Duration.ofNanos(System.nanoTime() - started), delivery)));
        if (unwrittenRows + unwrittenLetters > 0) {
            throw new UnwrittenException(unwrittenRows + " rows and " + unwrittenLetters
                    + " dead letters unwritten at the deadline " + invocation.deadline()
                    + "; failing the invocation so that the pipe sends the batch again");
        }
        return overflow ? new byte[] {'[', ']'} : array(made, responseBytes);
    }

    private static byte[] array(List<EncodedRow> rows, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        out.write('[');
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(rows.get(i).json().bytes());
        }
        out.write(']');
        return out.toByteArray();
    }
}
