package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.Provides;
import dev.fanout.domain.batch.Backoff;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.Sleeper;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.domain.service.ReplayService;
import dev.fanout.domain.service.ReplaySettings;
import dev.fanout.ports.in.FanOutBundle;
import dev.fanout.ports.in.ReplayBundles;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every handler shares, whatever its sinks: the domain's fan-out and replay service, the worker pool, the
 * clock and the retry policy. Built once per execution environment, at init.
 */
@Module
final class CoreModule {

    private CoreModule() {
    }

    @Provides
    static InstantSource clock() {
        return InstantSource.system();
    }

    /** The JDK's SHA-256: libcrypto through the FFM API needs Java 22, and the function runs on java21. */
    @Provides
    @Singleton
    static FanOutBundle fanOut(LambdaConfig config) {
        return new BundleFanOut(config.fanOut());
    }

    /** One worker per core the function has (1 at up to 1,769 MB of memory, then more). */
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
    static ReplayBundles replay(FanOutBundle fanOut, ExecutorService workers, InstantSource clock,
                                ReplaySettings settings) {
        return new ReplayService(fanOut, workers, clock, settings);
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
