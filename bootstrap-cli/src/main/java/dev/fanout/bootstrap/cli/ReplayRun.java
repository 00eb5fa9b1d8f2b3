package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.local.file.FileBundleSource;
import dev.fanout.adapters.local.file.FileDeadLetterSink;
import dev.fanout.adapters.local.file.FileRowSink;
import dev.fanout.ports.in.ReplayBundles;
import dev.fanout.ports.in.RunSummary;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * One replay from files to files. The sinks are closed (their objects committed) only when the run
 * completes: after a failure nothing more is committed, so a rerun replaces exactly what the failed run
 * had already flushed (object names depend only on input and configuration).
 */
final class ReplayRun {

    private final ReplayOptions options;
    private final FileTarget target;
    private final ReplayBundles replay;
    private final Provider<FileBundleSource> source;
    private final Provider<FileRowSink> rowSink;
    private final Provider<FileDeadLetterSink> deadLetterSink;
    private final ExecutorService workers;

    @Inject
    ReplayRun(ReplayOptions options, FileTarget target, ReplayBundles replay, Provider<FileBundleSource> source,
              Provider<FileRowSink> rowSink, Provider<FileDeadLetterSink> deadLetterSink, ExecutorService workers) {
        this.options = options;
        this.target = target;
        this.replay = replay;
        this.source = source;
        this.rowSink = rowSink;
        this.deadLetterSink = deadLetterSink;
        this.workers = workers;
    }

    ReplayReport run() {
        long started = System.nanoTime();
        // The source first: a missing input must fail before the output directory is touched.
        try (FileBundleSource bundles = source.get()) {
            FileRowSink rows = rowSink.get();
            FileDeadLetterSink deadLetters = deadLetterSink.get();
            RunSummary summary = ProgressReplay.run(replay, bundles, rows, deadLetters, options.showProgress());
            rows.close();
            deadLetters.close();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new ReplayReport(summary, new Delivery.ToFiles(target.out(),
                    rows.objectsWritten() + deadLetters.objectsWritten(),
                    rows.bytesWritten() + deadLetters.bytesWritten()), elapsed);
        } finally {
            workers.shutdownNow();
        }
    }
}
