package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.local.file.FileDeadLetterSink;
import dev.fanout.adapters.local.file.FileRowSink;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.ExecutorService;

/**
 * One replay from files to files. The sinks are closed (their objects committed) only when the run
 * completes: after a failure nothing more is committed, so a rerun replaces exactly what the failed run
 * had already flushed (object names depend only on input and configuration).
 */
final class ReplayRun {

    private final FileTarget target;
    private final ReplayFromFiles replay;
    private final Provider<FileRowSink> rowSink;
    private final Provider<FileDeadLetterSink> deadLetterSink;
    private final ExecutorService workers;

    @Inject
    ReplayRun(FileTarget target, ReplayFromFiles replay, Provider<FileRowSink> rowSink,
              Provider<FileDeadLetterSink> deadLetterSink, ExecutorService workers) {
        this.target = target;
        this.replay = replay;
        this.rowSink = rowSink;
        this.deadLetterSink = deadLetterSink;
        this.workers = workers;
    }

    ReplayReport run() {
        try {
            return replay.into(rowSink, deadLetterSink, (rows, deadLetters) -> new Delivery.ToFiles(target.out(),
                    rows.objectsWritten() + deadLetters.objectsWritten(),
                    rows.bytesWritten() + deadLetters.bytesWritten()));
        } finally {
            workers.shutdownNow();
        }
    }
}
