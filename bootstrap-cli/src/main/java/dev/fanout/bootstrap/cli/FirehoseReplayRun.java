package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.local.file.FileBundleSource;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.domain.batch.WriteTally;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.in.ReplayBundles;
import dev.fanout.ports.in.RunSummary;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * One backfill from files through Firehose. Like the file replay, a local dead-letter folder is committed
 * only when the run completes; what reached Firehose or S3 is there either way, and the summary says how
 * much. The SDK clients are closed whatever happens.
 */
final class FirehoseReplayRun {

    private final ReplayOptions options;
    private final FirehoseOptions target;
    private final ReplayBundles replay;
    private final Provider<FileBundleSource> source;
    private final Provider<RetryingRowSink> rowSink;
    private final Provider<DeadLetterSink> deadLetterSink;
    private final AwsConnections aws;
    private final ExecutorService workers;

    @Inject
    FirehoseReplayRun(ReplayOptions options, FirehoseOptions target, ReplayBundles replay,
                      Provider<FileBundleSource> source, Provider<RetryingRowSink> rowSink,
                      Provider<DeadLetterSink> deadLetterSink, AwsConnections aws, ExecutorService workers) {
        this.options = options;
        this.target = target;
        this.replay = replay;
        this.source = source;
        this.rowSink = rowSink;
        this.deadLetterSink = deadLetterSink;
        this.aws = aws;
        this.workers = workers;
    }

    ReplayReport run() {
        long started = System.nanoTime();
        // The source first: a missing input must fail before any AWS call is made.
        try (FileBundleSource bundles = source.get()) {
            RetryingRowSink rows = rowSink.get();
            DeadLetterSink deadLetters = deadLetterSink.get();
            RunSummary summary = ProgressReplay.run(replay, bundles, rows, deadLetters, options.showProgress());
            rows.close();
            deadLetters.close();
            Optional<WriteTally> letters = deadLetters instanceof RetryingDeadLetterSink retrying
                    ? Optional.of(retrying.tally())
                    : Optional.empty();
            Delivery delivery = new Delivery.ToFirehose(target.stream().streamName(), target.aws().region().id(),
                    rows.tally(), target.deadLetters().describe(), letters);
            return new ReplayReport(summary, delivery, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            aws.close();
            workers.shutdownNow();
        }
    }
}
