package dev.fanout.bootstrap.cli;

import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.domain.batch.WriteTally;
import dev.fanout.ports.DeadLetterSink;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * One backfill from files through Firehose. Like the file replay, a local dead-letter folder is committed
 * only when the run completes; what reached Firehose or S3 is there either way, and the summary says how
 * much. The SDK clients are closed whatever happens.
 */
final class FirehoseReplayRun {

    private final FirehoseOptions target;
    private final ReplayFromFiles replay;
    private final Provider<RetryingRowSink> rowSink;
    private final Provider<DeadLetterSink> deadLetterSink;
    private final AwsConnections aws;
    private final ExecutorService workers;

    @Inject
    FirehoseReplayRun(FirehoseOptions target, ReplayFromFiles replay, Provider<RetryingRowSink> rowSink,
                      Provider<DeadLetterSink> deadLetterSink, AwsConnections aws, ExecutorService workers) {
        this.target = target;
        this.replay = replay;
        this.rowSink = rowSink;
        this.deadLetterSink = deadLetterSink;
        this.aws = aws;
        this.workers = workers;
    }

    ReplayReport run() {
        try {
            return replay.into(rowSink, deadLetterSink, this::delivery);
        } finally {
            aws.close();
            workers.shutdownNow();
        }
    }

    private Delivery delivery(RetryingRowSink rows, DeadLetterSink deadLetters) {
        // Dead letters written to a local folder have no retries to count.
        Optional<WriteTally> letters = deadLetters instanceof RetryingDeadLetterSink retrying
                ? Optional.of(retrying.tally())
                : Optional.empty();
        return new Delivery.ToFirehose(target.stream().streamName(), target.aws().region().id(), rows.tally(),
                target.deadLetters().describe(), letters);
    }
}
