package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.Provides;
import dev.fanout.bootstrap.core.FanOutCoreModule;
import dev.fanout.domain.batch.Backoff;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.Sleeper;
import dev.fanout.domain.service.CallingThread;
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
 * {@link FanOutCoreModule}, as in the command line), the fan-out's thread(s) and the retry policy. Built once per
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
     * With one core (a function of up to 1,769 MB), the fan-out runs on the invocation's thread: a worker thread
     * would only add the hand-off of every chunk and the switches between two threads sharing that core. With
     * more, one worker per core fans out while the invocation's thread reads the event and writes.
     */
    @Provides
    @Singleton
    static ExecutorService workers() {
        return workersFor(Runtime.getRuntime().availableProcessors());
    }

    static ExecutorService workersFor(int cores) {
        if (cores <= 1) {
            return new CallingThread();
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task, "fanout-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(cores, daemons);
    }

    /**
     * A remote sink's chunking (64 bundles or 4 MiB per PutRecordBatch round): a 6 MB Pipes batch is one to three
     * chunks. Each write's deadline is the invocation's, so the budget here is never used. On the invocation's
     * thread, each chunk is written as soon as it is fanned out (one in flight), so only one chunk's rows are held.
     */
    @Provides
    static ReplaySettings replaySettings(ExecutorService workers) {
        ReplaySettings remote = ReplaySettings.remote(Duration.ofMinutes(15));
        return workers instanceof CallingThread ? remote.withChunksInFlight(1) : remote;
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
