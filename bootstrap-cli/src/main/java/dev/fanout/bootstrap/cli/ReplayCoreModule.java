package dev.fanout.bootstrap.cli;

import dagger.Module;
import dagger.Provides;
import dev.fanout.adapters.aws.pipes.PipesEventDecoder;
import dev.fanout.adapters.local.file.FileBundleSource;
import dev.fanout.bootstrap.core.FanOutCoreModule;
import dev.fanout.domain.redrive.DeadLetterBundleSource;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.domain.service.ReplaySettings;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.RecordBatchDecoder;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What every replay shares, wherever its rows go: the file source, the domain's fan-out and replay
 * service (wired by {@link FanOutCoreModule}, which the Lambda shares), and the worker pool. The including
 * module binds the sinks and the {@link ReplaySettings}.
 */
@Module(includes = FanOutCoreModule.class)
final class ReplayCoreModule {

    private ReplayCoreModule() {
    }

    @Provides
    @Singleton
    static ExecutorService workers(ReplayOptions options) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task, "fanout-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(options.threads(), daemons);
    }

    /** The decoder the Lambda uses, so a recorded Pipes event replays exactly as it ran in AWS. */
    @Provides
    static RecordBatchDecoder recordBatchDecoder(ReplayOptions options) {
        return new PipesEventDecoder(options.fanOut().limits().maxBundleBytes());
    }

    /**
     * The input files' bundles; for a redrive, the bundles of the dead letters those files hold, with their
     * original provenance (the files are read by the same file source, as JSONL of dead letters).
     */
    @Provides
    static BundleSource source(ReplayOptions options, RecordBatchDecoder decoder) {
        FileBundleSource files = new FileBundleSource(options.inputs(), decoder,
                options.fanOut().limits().maxBundleBytes());
        return options.inputKind() == InputKind.DEAD_LETTERS ? new DeadLetterBundleSource(files) : files;
    }

    /**
     * SHA-256 digests for bundle ids and object names: libcrypto's unless turned off. The first digest of a
     * worker waits for the provider that main() loads on a start-up thread; the main thread does not wait, it
     * reads the first chunks meanwhile.
     */
    @Provides
    @Singleton
    static Supplier<MessageDigest> sha256(ReplayOptions options) {
        return NativeSha256.digests(options.nativeLibraries());
    }

    @Provides
    static FanOutSettings fanOutSettings(ReplayOptions options) {
        return options.fanOut();
    }
}
