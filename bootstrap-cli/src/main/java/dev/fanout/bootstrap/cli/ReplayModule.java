package dev.fanout.bootstrap.cli;

import dagger.Module;
import dagger.Provides;
import dev.fanout.adapters.local.file.FileDeadLetterSink;
import dev.fanout.adapters.local.file.FileRowSink;
import dev.fanout.domain.service.ReplaySettings;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/** Wires a file-to-file replay: the shared core, with file sinks under {@code --out}. */
@Module(includes = ReplayCoreModule.class)
final class ReplayModule {

    /** Dead letters are rare next to rows: a small share of the buffer is plenty. */
    private static final int DEAD_LETTER_BUFFER_SHARE = 4;

    private ReplayModule() {
    }

    /**
     * Writing a file cannot be throttled: no deadline worth the name. A chunk in flight for every worker and one
     * being read, so that each worker has a chunk to fan out however many there are.
     */
    @Provides
    static ReplaySettings settings(ReplayOptions options) {
        return ReplaySettings.local().withChunksInFlight(options.threads() + 1);
    }

    @Provides
    static FileRowSink rowSink(FileTarget target, ReplayOptions options, ExecutorService workers,
                               Supplier<MessageDigest> sha256) {
        return new FileRowSink(target.out(), options.gzip(), options.bufferBytes(), workers, sha256);
    }

    @Provides
    static FileDeadLetterSink deadLetterSink(FileTarget target, ReplayOptions options, ExecutorService workers,
                                             Supplier<MessageDigest> sha256) {
        return fileDeadLetterSink(target.out(), options, workers, sha256);
    }

    /** Dead letters in a local folder, with the replay's gzip level and a share of its buffer. */
    static FileDeadLetterSink fileDeadLetterSink(Path dir, ReplayOptions options, ExecutorService workers,
                                                 Supplier<MessageDigest> sha256) {
        return new FileDeadLetterSink(dir, options.gzip(),
                Math.max(1, options.bufferBytes() / DEAD_LETTER_BUFFER_SHARE), workers, sha256);
    }
}
