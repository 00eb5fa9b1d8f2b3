package dev.fanout.bootstrap.cli;

import dagger.Module;
import dagger.Provides;
import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.firehose.FirehoseRowSink;
import dev.fanout.adapters.aws.s3.S3DeadLetterSink;
import dev.fanout.domain.batch.Backoff;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.domain.batch.Sleeper;
import dev.fanout.domain.service.ReplaySettings;
import dev.fanout.ports.DeadLetterSink;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Wires a backfill through Firehose: the shared core, with {@link FirehoseRowSink} for rows and S3 or a
 * local folder for dead letters, the AWS sinks wrapped in the domain's retry policy.
 */
@Module(includes = ReplayCoreModule.class)
final class FirehoseReplayModule {

    private FirehoseReplayModule() {
    }

    /** A remote sink's chunking, with {@code --write-timeout} as each write's deadline. */
    @Provides
    static ReplaySettings settings(FirehoseOptions target) {
        return ReplaySettings.remote(target.writeTimeout());
    }

    @Provides
    static AwsClients.Settings awsSettings(FirehoseOptions target) {
        return target.aws();
    }

    /**
     * Retries bounded by each write's deadline, on the real clock. The jitter only has to differ between
     * backfills started together (so they do not retry in step); a secure seed guarantees that, and
     * SplittableRandom keeps the draws cheap. Both sinks share it: the replay writes on one thread.
     */
    @Provides
    @Singleton
    static RetryPolicy retryPolicy(InstantSource clock) {
        return RetryPolicy.untilDeadline(Backoff.DEFAULT, clock, Sleeper.THREAD,
                new SplittableRandom(new SecureRandom().nextLong()));
    }

    @Provides
    @Singleton
    static RetryingRowSink rowSink(FirehoseOptions target, AwsConnections aws, RetryPolicy policy,
                                   InstantSource clock) {
        return new RetryingRowSink(new FirehoseRowSink(aws.firehose(), target.stream(), clock), policy);
    }

    @Provides
    @Singleton
    static DeadLetterSink deadLetterSink(FirehoseOptions target, ReplayOptions options, AwsConnections aws,
                                         RetryPolicy policy, InstantSource clock, ExecutorService workers,
                                         Supplier<MessageDigest> sha256) {
        return switch (target.deadLetters()) {
            case DeadLetterPlace.InS3 s3 ->
                    new RetryingDeadLetterSink(new S3DeadLetterSink(aws.s3(), s3.settings(), clock), policy);
            // A local folder cannot be throttled: the file sink as a file replay uses it, without retries.
            case DeadLetterPlace.InDirectory dir -> ReplayModule.fileDeadLetterSink(dir.dir(), options, workers,
                    sha256);
        };
    }
}
