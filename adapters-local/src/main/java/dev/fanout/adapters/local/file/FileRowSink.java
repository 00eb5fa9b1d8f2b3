package dev.fanout.adapters.local.file;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.RowBatch;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.WriteOutcome;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Writes rows in the docs/row-event.md §6 layout under a local folder:
 * {@code <out>/rows/orgid=…/metric=…/dt=…/hour=…/part-<content hash>.jsonl.gz}, gzip'd JSONL, one row a
 * line, in the order written. The folder is exactly where the Firehose partitioning JQ of docs/row-event.md §4.2 puts
 * the row, because the {@link PartitionKey} holds the same four values.
 *
 * <p>Rows are buffered per partition within a memory budget and compressed in parallel on the given
 * executor; {@link #close()} commits everything. Object names follow from their content, so the same
 * replay into the same folder leaves a byte-identical tree and replaces instead of duplicating; each
 * object appears atomically (temporary file, then rename). Local disk either works or fails the run:
 * {@link #write} writes every row or throws {@link dev.fanout.ports.PortException}; the deadline is not
 * needed. Meant for one writer thread; calls are synchronised.
 */
public final class FileRowSink extends GzipFileSink<PartitionKey> implements RowSink {

    /**
     * The gzip level a replay uses unless told otherwise. Measured on LMDP rows, one core, Temurin 25, ~110 KB
     * objects: libdeflate level 1 ≈ 690 MB/s, ratio 12.1; level 2 ≈ 450 MB/s, ratio 13.0; level 6 ≈ 300 MB/s,
     * ratio 17.6. The JDK's zlib: levels 1–3 ≈ 350 MB/s, ratio 12–13; level 6 ≈ 140 MB/s, ratio 16.4. Level 1
     * makes a replay 4–8 % faster than level 2 for objects ~7 % larger; {@code --gzip-level 6} trades the other
     * way (docs/performance.md).
     */
    public static final int DEFAULT_GZIP_LEVEL = 1;
    /**
     * Off-heap memory for rows waiting to be compressed, and the bound on it: the buffers are accounted by the
     * capacity they hold; past two thirds of the budget the largest partitions are flushed to a third, so what
     * is compressed and what is buffered fit in it together, and the chunk pool never reserves more
     * ({@link ChunkPool}). 24 MiB flushes at 16 MiB to 8 MiB, the flush points that measured best on 2,000
     * time-ordered LMDP bundles (137 MB of rows, 1,267 partitions): buffers reused instead of every row landing
     * in fresh memory, and compression beside the decoding (docs/performance.md); smaller budgets write more,
     * smaller objects, and creating files costs more than the memory saves on ext4.
     */
    public static final long DEFAULT_MEMORY_BUDGET_BYTES = 24L << 20;

    /** A sink with {@link #DEFAULT_GZIP_LEVEL} and {@link #DEFAULT_MEMORY_BUDGET_BYTES}. */
    public FileRowSink(Path outputDir, Executor compressionExecutor) {
        this(outputDir, DEFAULT_GZIP_LEVEL, DEFAULT_MEMORY_BUDGET_BYTES, compressionExecutor);
    }

    /**
     * @param outputDir           the folder {@code rows/} goes under; created if missing
     * @param gzipLevel           1 (fastest) to 9 (smallest), with libdeflate when it loads ({@link GzipSettings})
     * @param memoryBudgetBytes   off-heap memory for buffered rows (see {@link #DEFAULT_MEMORY_BUDGET_BYTES})
     * @param compressionExecutor runs the compression of flushed partitions in parallel
     * @throws dev.fanout.ports.PortException "cannot write to &lt;dir&gt;: &lt;reason&gt;" when the folder
     *                                        cannot be created or written
     */
    public FileRowSink(Path outputDir, int gzipLevel, long memoryBudgetBytes, Executor compressionExecutor) {
        this(outputDir, new GzipSettings(gzipLevel, true), memoryBudgetBytes, compressionExecutor);
    }

    /**
     * @param outputDir           see above
     * @param gzip                the gzip level and engine
     * @param memoryBudgetBytes   off-heap memory for buffered rows (see {@link #DEFAULT_MEMORY_BUDGET_BYTES})
     * @param compressionExecutor runs the compression of flushed objects in parallel
     */
    public FileRowSink(Path outputDir, GzipSettings gzip, long memoryBudgetBytes, Executor compressionExecutor) {
        this(outputDir, gzip, memoryBudgetBytes, compressionExecutor, GzipObjectWriter::jdkSha256);
    }

    /**
     * @param outputDir           see above
     * @param gzip                the gzip level and engine
     * @param memoryBudgetBytes   off-heap memory for buffered rows (see {@link #DEFAULT_MEMORY_BUDGET_BYTES})
     * @param compressionExecutor runs the compression of flushed objects in parallel
     * @param sha256              new SHA-256 digests for the objects' names (all implementations give the same)
     */
    public FileRowSink(Path outputDir, GzipSettings gzip, long memoryBudgetBytes, Executor compressionExecutor,
                       Supplier<MessageDigest> sha256) {
        super(outputDir, gzip, memoryBudgetBytes, compressionExecutor, FileRowSink::folderOf, sha256, true);
    }

    /**
     * Loads the native gzip engine ahead of time, e.g. on a spare thread while arguments are parsed: binding
     * libdeflate costs a few milliseconds that the first object would otherwise wait for.
     */
    public static void preloadCompression() {
        GzipEngine.preload();
    }

    /**
     * Why libdeflate, asked for by {@code gzip}, does not load here (then objects are gzip'd by the JDK's zlib:
     * the same names and rows, other bytes, slower); empty when it loads or is not asked for. The caller says so
     * once; the sinks fall back quietly.
     */
    public static Optional<String> nativeCompressionProblem(GzipSettings gzip) {
        return gzip.libdeflate() ? GzipEngine.libdeflateProblem() : Optional.empty();
    }

    @Override
    public synchronized WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline) {
        for (EncodedRow row : rows) {
            objects.append(row.partition(), row.json().bytes());
        }
        return WriteOutcome.allWritten(rows);
    }

    /**
     * A batch that keeps each row's bytes in off-heap line buffers of its own, per partition, filled by the
     * thread that encodes the rows; {@link #writeBatch} then hands those buffers over without copying a byte.
     */
    @Override
    public RowBatch newBatch() {
        return new PartitionedLines();
    }

    /** Writes every row of the batch (local disk either works or fails the run); returns 0. */
    @Override
    public synchronized long writeBatch(RowBatch batch, Instant deadline) {
        if (!(batch instanceof PartitionedLines lines) || lines.sink() != this) {
            throw new IllegalArgumentException("not a batch of this sink: " + batch);
        }
        for (Map.Entry<PartitionKey, LineBuffer> partition : lines.byPartition.entrySet()) {
            objects.appendAll(partition.getKey(), partition.getValue());
        }
        lines.byPartition.clear();
        return 0;
    }

    /** Rows of one batch, per partition in the order the partitions first came, each in source order. */
    private final class PartitionedLines implements RowBatch {
        private final Map<PartitionKey, LineBuffer> byPartition = new LinkedHashMap<>();
        private int size;

        @Override
        public void add(String rowId, PartitionKey partition, byte[] json, int offset, int length) {
            LineBuffer lines = byPartition.get(partition);
            if (lines == null) {
                lines = objects.newLines(partition);
                byPartition.put(partition, lines);
            }
            lines.append(json, offset, length);
            size++;
        }

        @Override
        public int size() {
            return size;
        }

        FileRowSink sink() {
            return FileRowSink.this;
        }
    }

    /** Every part of a {@link PartitionKey} is validated as a safe path segment where the key is made. */
    private static String folderOf(PartitionKey partition) {
        return "rows/" + partition.path();
    }
}
