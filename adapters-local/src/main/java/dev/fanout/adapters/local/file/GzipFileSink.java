package dev.fanout.adapters.local.file;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the two file sinks share: a {@link GzipObjectWriter} keyed by {@code K}, closed and counted the same
 * way. A subclass adds its port's {@code write}, synchronised on the sink like {@link #close()}.
 */
abstract class GzipFileSink<K> {

    /** The objects being gathered; subclasses append to it from their synchronised {@code write}. */
    final GzipObjectWriter<K> objects;

    GzipFileSink(Path outputDir, GzipSettings gzip, long memoryBudgetBytes, Executor compressionExecutor,
                 Function<K, String> folderOf, Supplier<MessageDigest> sha256, boolean offHeap) {
        Objects.requireNonNull(outputDir, "outputDir");
        this.objects = new GzipObjectWriter<>(outputDir, gzip, memoryBudgetBytes, compressionExecutor, folderOf,
                sha256, offHeap);
    }

    /** Writes what is still buffered and waits until every object is in place; closing twice does nothing. */
    public synchronized void close() {
        objects.close();
    }

    /** Objects committed so far (all of them once closed). */
    public long objectsWritten() {
        return objects.objectsWritten();
    }

    /** Compressed bytes committed so far (all of them once closed). */
    public long bytesWritten() {
        return objects.bytesWritten();
    }
}
