package dev.fanout.adapters.local.file;

import dev.fanout.ports.PortException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gzip'd JSONL objects under a root directory, one folder per key: what both file sinks share.
 *
 * <p>Lines are buffered per key in memory, appended one by one or a batch's buffer at a time. When the
 * buffered total exceeds the memory budget, the largest buffers (ties by folder name) are detached until the
 * total is at most half the budget, and compressed in parallel on the executor while the caller goes on, each
 * task putting its object in place; the next such flush, and {@link #close()}, first waits for the previous
 * one. The flush points therefore depend only on the sequence of appends and the budget, never on timing,
 * and so does every object's content.
 *
 * <p>An object is named by its rows ({@code part-<first 20 hex of SHA-256 of its uncompressed lines>.jsonl.gz};
 * should the same content come twice in one run, the second gets {@code -2} and so on), so the same input
 * and configuration give the same names on every machine, engine and JDK, and re-running into the same folder
 * replaces objects rather than adding copies. Each object is written under a dot-prefixed {@code .tmp} name in
 * its folder and renamed into place atomically; temporary files are removed on failure, and those a killed run
 * left behind are removed by the next writer of that folder ({@link StaleTemporaries}), so no partial object
 * is ever visible and none stays.
 *
 * <p>Memory is accounted by the capacity the buffers hold, not the bytes in them: see {@link ChunkPool}.
 *
 * <p>Called by one thread at a time (the sinks synchronise); the compression tasks touch only the
 * detached buffers they were given and the concurrent sets of folders made and names taken.
 */
final class GzipObjectWriter<K> {

    private static final String PREFIX = "part-";
    private static final String SUFFIX = ".jsonl.gz";
    private static final int HASH_HEX_CHARS = 20;
    /** Writers made by this process so far, for {@link #runToken}. */
    private static final AtomicLong WRITERS = new AtomicLong();

    private final Path root;
    private final GzipSettings gzipSettings;
    /**
     * Made when the first object is compressed, on a compression thread: finding libdeflate (its class
     * initialisation) took the main thread up to ~10 ms when it made the engine here, at start-up.
     */
    private volatile GzipEngine gzip;
    private final Object gzipLock = new Object();
    private final long budget;
    private final Executor executor;
    private final Function<K, String> folderOf;
    /** One digest per compressing thread, made by the supplier given: an object name needs one digest. */
    private final ThreadLocal<MessageDigest> sha256;
    private final Map<K, LineBuffer> buffers = new HashMap<>();
    private final ChunkPool chunks;
    private final Map<Path, Set<String>> namesUsed = new ConcurrentHashMap<>();
    private final Set<Path> foldersCreated = ConcurrentHashMap.newKeySet();
    private final Set<Path> foldersSwept = ConcurrentHashMap.newKeySet();
    /**
     * Tells this writer's temporary names from those of any other writer of the same folders: the process id
     * and a count, not a random UUID, whose SecureRandom cost ~6 ms at every start. (Two writers that still met
     * would write the same bytes, for the content hash is in the name too.)
     */
    private final String runToken = ProcessHandle.current().pid() + "-" + WRITERS.incrementAndGet();

    private List<CompletableFuture<Staged>> inFlight = List.of();
    private long buffered;
    private long stagedCount;
    private volatile long objectsWritten;
    private volatile long bytesWritten;
    private PortException failure;
    private boolean closed;

    /**
     * @param root     the folder the objects go under (created and checked now)
     * @param gzip     how objects are compressed
     * @param budget   bytes of line data to buffer before flushing
     * @param folderOf the folder of a key, relative to {@code root}, with {@code /} separators
     * @param sha256   new SHA-256 digests, for the objects' content-addressed names
     */
    GzipObjectWriter(Path root, GzipSettings gzip, long budget, Executor executor, Function<K, String> folderOf,
                     Supplier<MessageDigest> sha256, boolean offHeap) {
        if (budget < 1) {
            throw new IllegalArgumentException("memory budget must be positive, got " + budget);
        }
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.gzipSettings = Objects.requireNonNull(gzip, "gzip");
        this.budget = budget;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.folderOf = Objects.requireNonNull(folderOf, "folderOf");
        this.sha256 = ThreadLocal.withInitial(Objects.requireNonNull(sha256, "sha256"));
        this.chunks = new ChunkPool(offHeap ? budget : 0);
        checkWritable(this.root, runToken);
        StaleTemporaries.sweep(this.root);
    }

    /**
     * An empty line buffer for {@code key}'s folder, to fill on any thread and hand to {@link #appendAll}; its
     * chunks come from this writer's pool, which is thread-safe.
     */
    LineBuffer newLines(K key) {
        return new LineBuffer(folderOf.apply(key), chunks);
    }

    /** Appends the lines of {@code lines} (from {@link #newLines}) to the object being gathered for {@code key}. */
    void appendAll(K key, LineBuffer lines) {
        checkOpen();
        LineBuffer buffer = buffers.get(key);
        if (buffer == null) {
            buffers.put(key, lines);
            buffered += lines.capacity();
        } else {
            long before = buffer.capacity();
            buffer.appendAll(lines);
            buffered += buffer.capacity() - before;
        }
        flushIfOverBudget();
    }

    /** Appends {@code line} and a newline to the object being gathered for {@code key}. */
    void append(K key, byte[] line) {
        checkOpen();
        LineBuffer buffer = buffers.get(key);
        if (buffer == null) {
            buffer = newLines(key);
            buffers.put(key, buffer);
            buffered += buffer.capacity();
        }
        long before = buffer.capacity();
        buffer.append(line);
        buffered += buffer.capacity() - before;
        flushIfOverBudget();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the sink is closed");
        }
        if (failure != null) {
            throw new PortException(failure.getMessage() + " (an earlier write failed)", failure);
        }
    }

    /**
     * Past two thirds of the budget, flushes the largest buffers down to a third: what the flush compresses
     * (at most the other third, until the next flush waits for it) and what is buffered then fit in the budget
     * together, so the off-heap chunks reserved ({@link ChunkPool}) rarely need to spill to the heap.
     */
    private void flushIfOverBudget() {
        if (buffered > budget / 3 * 2) {
            awaitFlush();
            flushLargestUntil(budget / 3);
        }
    }

    /** Flushes everything and waits until every object is in place; closing twice does nothing. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (failure != null) {
            buffers.clear();
            return;
        }
        awaitFlush();
        flushLargestUntil(0);
        awaitFlush();
    }

    long objectsWritten() {
        return objectsWritten;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    private void flushLargestUntil(long target) {
        List<Map.Entry<K, LineBuffer>> largestFirst = new ArrayList<>(buffers.entrySet());
        largestFirst.sort(Comparator.<Map.Entry<K, LineBuffer>>comparingLong(e -> e.getValue().size()).reversed()
                .thenComparing(e -> e.getValue().folder));
        List<CompletableFuture<Staged>> started = new ArrayList<>();
        for (Map.Entry<K, LineBuffer> entry : largestFirst) {
            if (buffered <= target) {
                break;
            }
            LineBuffer buffer = entry.getValue();
            buffers.remove(entry.getKey());
            buffered -= buffer.capacity();
            long sequence = stagedCount++;
            try {
                started.add(CompletableFuture.supplyAsync(() -> stage(buffer, sequence), executor));
            } catch (RejectedExecutionException e) {
                inFlight = started;
                fail(new PortException("cannot write to " + root + ": the compression executor refused work", e));
            }
        }
        inFlight = started;
    }

    /** Waits for the flush in flight, whose tasks put their objects in place, and counts what they wrote. */
    private void awaitFlush() {
        List<CompletableFuture<Staged>> pending = inFlight;
        inFlight = List.of();
        if (pending.isEmpty()) {
            return;
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(ignored -> null).join();
        Throwable firstFailure = null;
        for (CompletableFuture<Staged> future : pending) {
            if (future.isCompletedExceptionally()) {
                firstFailure = firstFailure != null ? firstFailure : causeOf(future);
            } else {
                objectsWritten++;
                bytesWritten += future.join().bytes();
            }
        }
        if (firstFailure != null) {
            fail(asPortException(firstFailure));
        }
    }

    /**
     * The object's name in its folder. Two objects of one folder get the same hash only for the same content,
     * so whichever task comes second takes {@code -2}: the tree is the same either way.
     */
    private String uniqueName(Path folder, String hash) {
        Set<String> used = namesUsed.computeIfAbsent(folder, ignored -> ConcurrentHashMap.newKeySet());
        String name = PREFIX + hash + SUFFIX;
        for (int copy = 2; !used.add(name); copy++) {
            name = PREFIX + hash + "-" + copy + SUFFIX;
        }
        return name;
    }

    /**
     * Runs on the executor: compresses one detached buffer, writes it under a temporary name and renames it
     * into place (renaming here rather than on the calling thread afterwards keeps the file system calls of a
     * flush in parallel too).
     */
    private Staged stage(LineBuffer buffer, long sequence) {
        MessageDigest content = sha256.get();
        content.reset();
        byte[] compressed = gzip().gzip(buffer, content);
        buffer.release();
        // The name hashes the uncompressed lines, so it depends on the rows alone, not on the gzip engine, level or
        // JDK that compressed them (ADR 0002).
        String hash = HexFormat.of().formatHex(content.digest()).substring(0, HASH_HEX_CHARS);
        Path folder = root.resolve(buffer.folder);
        Path temporary = folder.resolve("." + PREFIX + hash + "-" + runToken + "-" + sequence + ".tmp");
        try {
            if (ensureFolder(folder) && foldersSwept.add(folder)) {
                // A folder this run did not create may hold what a killed run left behind.
                StaleTemporaries.sweep(folder);
            }
            // A FileOutputStream, not Files.write: a channel writes a heap array through a temporary direct buffer
            // as large as the object, kept per thread, and direct memory is what the budget bounds.
            try (OutputStream file = new FileOutputStream(temporary.toFile())) {
                file.write(compressed);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException(
                    new IOException("cannot write to " + folder + ": " + IoErrors.reason(e), e));
        }
        try {
            Files.move(temporary, folder.resolve(uniqueName(folder, hash)), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            String why = e instanceof AtomicMoveNotSupportedException
                    ? "the file system cannot rename atomically" : IoErrors.reason(e);
            throw new UncheckedIOException(new IOException("cannot write to " + folder + ": " + why, e));
        }
        return new Staged(compressed.length);
    }

    private GzipEngine gzip() {
        GzipEngine engine = gzip;
        if (engine == null) {
            synchronized (gzipLock) {
                engine = gzip;
                if (engine == null) {
                    engine = GzipEngine.of(gzipSettings);
                    gzip = engine;
                }
            }
        }
        return engine;
    }

    /**
     * Creates the folder and its missing parents up to the root, remembering what exists: one
     * {@code mkdir} per new folder and none for a known one (metadata calls are what a replay into many
     * small partitions spends its time on). Safe when two tasks race for the same parent. True when the folder
     * was already there before this writer first asked for it (then it may hold a killed run's leftovers).
     */
    private boolean ensureFolder(Path folder) throws IOException {
        if (folder.equals(root)) {
            return true;
        }
        if (foldersCreated.contains(folder)) {
            return false;
        }
        ensureFolder(folder.getParent());
        boolean existed = false;
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) {
                throw e;
            }
            existed = true;
        }
        foldersCreated.add(folder);
        return existed;
    }

    private void fail(PortException e) {
        failure = e;
        // Tasks still running finish their objects; each object is whole or absent, never partial.
        inFlight = List.of();
        buffers.clear();
        buffered = 0;
        throw e;
    }

    private static Throwable causeOf(CompletableFuture<Staged> future) {
        try {
            future.join();
            return new IllegalStateException("not failed");
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private PortException asPortException(Throwable failure) {
        if (failure instanceof PortException port) {
            return port;
        }
        if (failure instanceof UncheckedIOException io && io.getCause().getCause() instanceof IOException) {
            return new PortException(io.getCause().getMessage(), io.getCause().getCause());
        }
        return new PortException("cannot write to " + root + ": " + IoErrors.reason(failure), failure);
    }

    /**
     * Creates the folder and writes and removes an empty probe file in it. The probe is named like the
     * temporary objects ({@code runToken}), not by {@code Files.createTempFile}, whose SecureRandom took
     * ~10 ms of the main thread's start-up.
     */
    private static void checkWritable(Path root, String runToken) {
        Path probe = root.resolve(".fanout-probe-" + runToken + ".tmp");
        try {
            Files.createDirectories(root);
            Files.write(probe, new byte[0]);
        } catch (IOException | UnsupportedOperationException e) {
            throw new PortException("cannot write to " + root + ": " + IoErrors.reason(e), e);
        } finally {
            deleteQuietly(probe);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Best effort: a leftover is dot-prefixed and ends in .tmp, so no reader takes it for an object.
        }
    }

    /** The JDK's SHA-256, for writers given no other. */
    static MessageDigest jdkSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** An object put in place: its compressed size. */
    private record Staged(long bytes) {
    }
}
