package dev.fanout.bootstrap.cli;

import dagger.Module;
import dagger.Provides;
import dev.fanout.adapters.aws.pipes.PipesEventDecoder;
import dev.fanout.adapters.local.file.FileBundleSource;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.domain.service.ReplayService;
import dev.fanout.domain.service.ReplaySettings;
import dev.fanout.ports.RecordBatchDecoder;
import dev.fanout.ports.in.FanOutBundle;
import dev.fanout.ports.in.ReplayBundles;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every replay shares, wherever its rows go: the file source, the domain's fan-out and replay
 * service, and the worker pool. The including module binds the sinks and the {@link ReplaySettings}.
 */
@Module
final class ReplayCoreModule {

    private ReplayCoreModule() {
    }

    @Provides
    @Singleton
    static ExecutorService workers(ReplayOptions options) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = task -> {
            // Each worker makes its SHA-256 digests when it starts, so it first waits for the libcrypto provider
            // that main() installs on a start-up thread (NativeSha256; installing loads every JCA provider,
            // ~20 ms). The main thread does not wait: it reads the first chunks meanwhile.
            Runnable afterInstall = () -> {
                NativeSha256.install(options.nativeLibraries());
                task.run();
            };
            Thread thread = new Thread(afterInstall, "fanout-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(options.threads(), daemons);
    }

    @Provides
    static InstantSource clock() {
        return InstantSource.system();
    }

    /** The decoder the Lambda uses, so a recorded Pipes event replays exactly as it ran in AWS. */
    @Provides
    static RecordBatchDecoder recordBatchDecoder() {
        return new PipesEventDecoder();
    }

    @Provides
    static FileBundleSource source(ReplayOptions options, RecordBatchDecoder decoder) {
        return new FileBundleSource(options.inputs(), decoder);
    }

    @Provides
    static FanOutBundle fanOut(ReplayOptions options) {
        return new BundleFanOut(options.fanOut());
    }

    @Provides
    static ReplayBundles replay(FanOutBundle fanOut, ExecutorService workers, InstantSource clock,
                                ReplaySettings settings) {
        return new ReplayService(fanOut, workers, clock, settings);
    }
}
