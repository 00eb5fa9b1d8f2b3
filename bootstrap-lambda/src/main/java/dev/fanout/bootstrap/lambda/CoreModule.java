package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.Provides;
import dev.fanout.bootstrap.core.FanOutCoreModule;
import dev.fanout.domain.batch.Backoff;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.Sleeper;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.domain.service.ReplaySettings;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What every handler shares, whatever its sinks: the domain's fan-out and replay service (wired by
 * {@link FanOutCoreModule}, as in the command line), the worker pool and the retry policy. Built once per
 * execution environment, at init.
 */
@Module(includes = FanOutCoreModule.class)
final class CoreModule {

    private CoreModule() {
    }

    @Provides
    static FanOutSettings fanOutSettings(LambdaConfig config) {
        return config.fanOut();
    }

    /** The JDK's SHA-256: libcrypto through the FFM API needs Java 22, and the function runs on java21. */
    @Provides
    @Singleton
    static Supplier<MessageDigest> sha256() {
        return () -> {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        };
    }

    /**
     * One worker per core the function has (1 at up to 1,769 MB of memory, then more). A worker pays on one core
     * too: it fans the next chunks out while the invocation's thread waits for Firehose. Fanning out on the
     * invocation's thread instead measured the same without network (PipeTargetBenchmark, one pinned core) and
     * 15-30 ms slower per 6 MB batch with C1 alone, ~5 ms with C2, at a 40 ms round trip per PutRecordBatch.
     */
    @Provides
    @Singleton
    static ExecutorService workers() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task, "fanout-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), daemons);
    }

    /**
     * A remote sink's chunking (64 bundles or 4 MiB per PutRecordBatch round): a 6 MB Pipes batch is one to three
     * chunks. Each write's deadline is the invocation's, so the budget here is never used.
     */
    @Provides
    static ReplaySettings replaySettings() {
        return ReplaySettings.remote(Duration.ofMinutes(15));
    }

    @Provides
    @Singleton
    static ReseedableRandom jitter() {
        return new ReseedableRandom();
    }

    /** Retries bounded by the invocation's deadline; the jitter is seeded again after a SnapStart restore. */
    @Provides
    @Singleton
    static RetryPolicy retryPolicy(InstantSource clock, ReseedableRandom jitter) {
        return RetryPolicy.untilDeadline(Backoff.DEFAULT, clock, Sleeper.THREAD, jitter);
    }
}
