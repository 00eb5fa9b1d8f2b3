package dev.fanout.adapters.local.file;

import dev.fanout.adapters.local.file.InputFiles.Format;
import dev.fanout.adapters.local.file.InputFiles.InputFile;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.DamagedInput;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RecordBatchDecoder;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.SourceProgress;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads bundles from local files and directories (docs/row-event.md §7), in the order the contract gives:
 * inputs in the order given; a directory recursively, in lexicographic
 * order of the relative path with {@code /} separators; a file named directly under its base name.
 *
 * <ul>
 *   <li>{@code *.jsonl}, {@code *.ndjson}: one bundle per line, streamed; provenance {@code {file, line}}.</li>
 *   <li>{@code *.json}: a document starting with {@code [} is handed to the {@link RecordBatchDecoder}
 *       as a recorded EventBridge Pipes event; when the decoder says it is not one, or for any other
 *       document, the whole file is one bundle with provenance {@code {file}}.</li>
 *   <li>an optional {@code .gz} suffix is ignored for the format; gzip is detected by content.</li>
 *   <li>other files are not read and are reported by {@link #skipped()}.</li>
 * </ul>
 *
 * <p>All inputs are enumerated when the source is built, so a missing input fails at once with a
 * {@link PortException} and {@link #progress()} knows the total (the files' sizes on disk; {@code bytesRead}
 * counts on-disk, that is compressed, bytes). Files are opened one at a time; a JSONL file is streamed line by
 * line.
 *
 * <p>Damage never stops the source (docs/row-event.md §7): a file that cannot be opened or read to
 * its end (truncated or corrupt gzip, an I/O error, vanished) yields the bundles read before the damage — for
 * JSONL its complete lines, never the line the damage cut — and is reported by {@link #damaged()}, with
 * whatever enumeration found unreadable; the next file is read.
 *
 * <p>Memory is bounded by the bundle limit: a line or plain {@code .json} document longer than the limit is read
 * on to its end only to count and hash it ({@link BundleEnvelope.TooLarge}); a {@code .json} document starting
 * with {@code [} may be a recorded Pipes event, held whole up to {@link #eventLimit} (the Lambda's 6 MiB
 * request limit, or more for a larger bundle limit), its records each bounded by the decoder; a larger one is a
 * too-large bundle. Not thread-safe: one reader thread calls {@link #next()}; {@link #progress()} may be read
 * from any thread.
 */
public final class FileBundleSource implements BundleSource {

    private static final int GZIP_BUFFER_BYTES = 1 << 16;
    /** The bundle limit of the spec's defaults, for callers that give none. */
    public static final long DEFAULT_MAX_BUNDLE_BYTES = 8L << 20;
    /** The most a Lambda is handed at once, so the largest event a pipe can have delivered (EventBridge Pipes user guide, Amazon MSK source). */
    static final int PIPES_EVENT_BYTES = 6 << 20;

    private final List<InputFile> files;
    private final List<SkippedInput> skipped;
    private final RecordBatchDecoder decoder;
    private final long bytesTotal;
    private final int maxBundleBytes;
    private final List<DamagedInput> damaged;
    private final ArrayDeque<BundleEnvelope> decoded = new ArrayDeque<>();

    private int nextFile;
    private long bytesOfFinishedFiles;
    private volatile long bytesRead;
    private InputFile current;
    private CountingInputStream currentCount;
    private InputStream currentStream;
    private LineSplitter lines;
    private boolean closed;

    /** A source with {@link #DEFAULT_MAX_BUNDLE_BYTES}. */
    public FileBundleSource(List<Path> inputs, RecordBatchDecoder decoder) {
        this(inputs, decoder, DEFAULT_MAX_BUNDLE_BYTES);
    }

    /**
     * @param inputs         files or directories, read in this order
     * @param decoder        turns a recorded Pipes event ({@code *.json} holding an array) into envelopes; it
     *                       should bound each record by the same limit
     * @param maxBundleBytes the bundle limit: no line or document is held in memory beyond it
     * @throws PortException when a named input does not exist
     */
    public FileBundleSource(List<Path> inputs, RecordBatchDecoder decoder, long maxBundleBytes) {
        Objects.requireNonNull(inputs, "inputs");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (maxBundleBytes < 1) {
            throw new IllegalArgumentException("the bundle limit must be positive, got " + maxBundleBytes);
        }
        this.maxBundleBytes = (int) Math.min(maxBundleBytes, LineSplitter.MAX_LINE_BYTES);
        InputFiles enumerated = InputFiles.enumerate(List.copyOf(inputs));
        this.files = enumerated.files();
        this.skipped = enumerated.skipped();
        this.damaged = new ArrayList<>(enumerated.damaged());
        this.bytesTotal = enumerated.totalBytes();
    }

    @Override
    public Optional<BundleEnvelope> next() {
        while (!closed) {
            if (!decoded.isEmpty()) {
                return Optional.of(decoded.poll());
            }
            try {
                if (lines != null) {
                    BundleEnvelope line = nextLine();
                    if (line != null) {
                        return Optional.of(line);
                    }
                    finishFile();
                } else if (nextFile < files.size()) {
                    open(files.get(nextFile++));
                } else {
                    return Optional.empty();
                }
            } catch (IOException e) {
                damaged(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public SourceProgress progress() {
        return new SourceProgress(bytesRead, bytesTotal);
    }

    /** Every file passed over because its name says no known format; all known once the source is built. */
    @Override
    public List<SkippedInput> skipped() {
        return skipped;
    }

    /** Inputs found unreadable when enumerated, then those that could not be read to their end, in order. */
    @Override
    public List<DamagedInput> damaged() {
        return List.copyOf(damaged);
    }

    @Override
    public void close() {
        closed = true;
        decoded.clear();
        closeCurrent();
    }

    private BundleEnvelope nextLine() throws IOException {
        byte[] line = lines.nextLine();
        if (line == null) {
            return null;
        }
        bytesRead = bytesOfFinishedFiles + Math.min(currentCount.count(), current.size());
        Provenance source = new Provenance.JsonLine(current.relativePath(), lines.lineNumber());
        if (line == LineSplitter.TOO_LONG) {
            return lines.tooLong().envelope(source);
        }
        return new BundleEnvelope.RawBundle(new Payload(line), source);
    }

    private void open(InputFile file) throws IOException {
        current = file;
        // A FileInputStream, not a channel: a channel reads a heap array through a temporary direct buffer as
        // large as the read, kept per thread, and direct memory is what --buffer bounds.
        currentCount = new CountingInputStream(new FileInputStream(file.path().toFile()));
        currentStream = currentCount;
        currentStream = decompressedIfGzip(currentCount);
        if (file.format() == Format.JSON_LINES) {
            lines = new LineSplitter(currentStream, LineSplitter.DEFAULT_BUFFER_BYTES, maxBundleBytes);
        } else {
            readDocument(currentStream, file.relativePath());
            finishFile();
        }
    }

    /**
     * One {@code .json} document: held whole up to the bundle limit, or up to {@link #eventLimit} when it starts
     * as a JSON array (a recorded Pipes event); beyond that it is a bundle too large, read on only to be counted.
     */
    private void readDocument(InputStream in, String relativePath) throws IOException {
        Provenance wholeFile = new Provenance.WholeFile(relativePath);
        byte[] document = in.readNBytes(maxBundleBytes + 1);
        if (document.length > maxBundleBytes && startsWithArray(document)) {
            byte[] rest = in.readNBytes(eventLimit() + 1 - document.length);
            document = concatenate(document, rest);
        }
        int limit = startsWithArray(document) ? eventLimit() : maxBundleBytes;
        if (document.length > limit) {
            OversizedBundle oversized = new OversizedBundle();
            oversized.write(document, 0, document.length);
            document = null;
            oversized.drain(in);
            decoded.add(oversized.envelope(wholeFile));
            return;
        }
        Payload payload = new Payload(document);
        if (startsWithArray(document)) {
            Optional<List<BundleEnvelope>> records = decoder.decode(payload, wholeFile);
            if (records.isPresent()) {
                decoded.addAll(records.get());
                return;
            }
        }
        decoded.add(new BundleEnvelope.RawBundle(payload, wholeFile));
    }

    /** The largest recorded Pipes event held whole: what a pipe can deliver, or one record of the bundle limit. */
    private int eventLimit() {
        long oneRecord = (maxBundleBytes + 2L) / 3 * 4 + (64 << 10);
        return (int) Math.min(Math.max(PIPES_EVENT_BYTES, oneRecord), LineSplitter.MAX_LINE_BYTES);
    }

    private static byte[] concatenate(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static boolean startsWithArray(byte[] document) {
        for (byte b : document) {
            if (b != ' ' && (b < '\t' || b > '\r')) {
                return b == '[';
            }
        }
        return false;
    }

    private static InputStream decompressedIfGzip(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] magic = new byte[2];
        int got = in.readNBytes(magic, 0, 2);
        in.unread(magic, 0, got);
        if (got == 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b) {
            return new GZIPInputStream(in, GZIP_BUFFER_BYTES);
        }
        return in;
    }

    private void finishFile() {
        bytesOfFinishedFiles += current.size();
        bytesRead = bytesOfFinishedFiles;
        closeCurrent();
        currentCount = null;
    }

    private void closeCurrent() {
        lines = null;
        InputStream stream = currentStream;
        currentStream = null;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Only read from; nothing is lost when closing it fails.
            }
        }
    }

    /** Reports the file being read as damaged, keeps what it yielded, and moves on to the next file. */
    private void damaged(IOException e) {
        InputFile file = current;
        long read = currentCount == null ? 0 : Math.min(currentCount.count(), file.size());
        String where = lines != null && lines.lineNumber() > 0 ? "after line " + lines.lineNumber() + ": " : "";
        damaged.add(new DamagedInput(file.path().toString(), read, file.size(), where + IoErrors.reason(e)));
        finishFile();
    }
}
