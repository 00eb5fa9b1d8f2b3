package dev.fanout.bootstrap.cli;

import dagger.Module;
import dagger.Provides;
import dev.fanout.adapters.aws.pipes.PipesEventDecoder;
import dev.fanout.adapters.local.file.FileBundleSource;
import dev.fanout.adapters.local.file.FileDeadLetterSink;
import dev.fanout.adapters.local.file.FileRowSink;
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

/** Wires a file-to-file replay: file source and sinks around the domain's replay service. */
@Module
final class ReplayModule {

    /** Dead letters are rare next to rows: a small share of the buffer is plenty. */
    private static final int DEAD_LETTER_BUFFER_SHARE = 4;

    private ReplayModule() {
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
    static RecordBatchDecoder recordBatchDecoder() {
        return new PipesEventDecoder();
    }

    @Provides
    static FileBundleSource source(ReplayOptions options, RecordBatchDecoder decoder) {
        return new FileBundleSource(options.inputs(), decoder);
    }

    @Provides
    static FileRowSink rowSink(ReplayOptions options, ExecutorService workers) {
        return new FileRowSink(options.out(), options.gzipLevel(), options.bufferBytes(), workers);
    }

    @Provides
    static FileDeadLetterSink deadLetterSink(ReplayOptions options, ExecutorService workers) {
        return new FileDeadLetterSink(options.out(), options.gzipLevel(),
                Math.max(1, options.bufferBytes() / DEAD_LETTER_BUFFER_SHARE), workers);
    }

    @Provides
    static FanOutBundle fanOut(ReplayOptions options) {
        return new BundleFanOut(options.fanOut());
    }

    @Provides
    static ReplayBundles replay(FanOutBundle fanOut, ExecutorService workers) {
        return new ReplayService(fanOut, workers, InstantSource.system(), ReplaySettings.local());
    }
}
