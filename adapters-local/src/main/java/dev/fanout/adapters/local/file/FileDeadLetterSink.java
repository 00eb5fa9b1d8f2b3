package dev.fanout.adapters.local.file;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.WriteOutcome;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Writes dead letters in the docs/row-event.md §6 layout under a local folder:
 * {@code <out>/dead-letters/reason=<code>/part-<content hash>.jsonl.gz}, one {@link DeadLetter#line()} a
 * line. Same mechanics as {@link FileRowSink} (the same object writer): buffered per reason, compressed
 * in parallel, named by content, committed atomically, everything visible after {@link #close()}. Its buffers
 * live on the heap: dead letters are rare, and keeping them there leaves all of the off-heap memory
 * {@code --buffer} allows to the rows.
 */
public final class FileDeadLetterSink extends GzipFileSink<RejectionReason> implements DeadLetterSink {

    /** Dead letters are few; a smaller budget than for rows keeps them from holding memory. */
    public static final long DEFAULT_MEMORY_BUDGET_BYTES = 64L << 20;

    /** A sink with {@link FileRowSink#DEFAULT_GZIP_LEVEL} and {@link #DEFAULT_MEMORY_BUDGET_BYTES}. */
    public FileDeadLetterSink(Path outputDir, Executor compressionExecutor) {
        this(outputDir, FileRowSink.DEFAULT_GZIP_LEVEL, DEFAULT_MEMORY_BUDGET_BYTES, compressionExecutor);
    }

    /**
     * @param outputDir           the folder {@code dead-letters/} goes under; created if missing
     * @param gzipLevel           1 (fastest) to 9 (smallest), with libdeflate when it loads ({@link GzipSettings})
     * @param memoryBudgetBytes   line bytes to buffer before flushing the largest reasons to half of it
     * @param compressionExecutor runs the compression of flushed objects in parallel
     * @throws dev.fanout.ports.PortException "cannot write to &lt;dir&gt;: &lt;reason&gt;" when the folder
     *                                        cannot be created or written
     */
    public FileDeadLetterSink(Path outputDir, int gzipLevel, long memoryBudgetBytes, Executor compressionExecutor) {
        this(outputDir, new GzipSettings(gzipLevel, true), memoryBudgetBytes, compressionExecutor);
    }

    /**
     * @param outputDir           see above
     * @param gzip                the gzip level and engine
     * @param memoryBudgetBytes   line bytes to buffer before flushing the largest reasons to half of it
     * @param compressionExecutor runs the compression of flushed objects in parallel
     */
    public FileDeadLetterSink(Path outputDir, GzipSettings gzip, long memoryBudgetBytes, Executor compressionExecutor) {
        this(outputDir, gzip, memoryBudgetBytes, compressionExecutor, GzipObjectWriter::jdkSha256);
    }

    /**
     * @param outputDir           see above
     * @param gzip                the gzip level and engine
     * @param memoryBudgetBytes   line bytes to buffer before flushing the largest reasons to half of it
     * @param compressionExecutor runs the compression of flushed objects in parallel
     * @param sha256              new SHA-256 digests for the objects' names (all implementations give the same)
     */
    public FileDeadLetterSink(Path outputDir, GzipSettings gzip, long memoryBudgetBytes, Executor compressionExecutor,
                              Supplier<MessageDigest> sha256) {
        super(outputDir, gzip, memoryBudgetBytes, compressionExecutor,
                reason -> "dead-letters/reason=" + reason.code(), sha256, false);
    }

    @Override
    public synchronized WriteOutcome<DeadLetter> write(List<DeadLetter> letters, Instant deadline) {
        for (DeadLetter letter : letters) {
            objects.append(letter.reason(), letter.line().bytes());
        }
        return WriteOutcome.allWritten(letters);
    }
}
