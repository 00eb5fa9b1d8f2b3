package dev.fanout.adapters.local.file;

import dev.fanout.adapters.local.file.InputFiles.Format;
import dev.fanout.adapters.local.file.InputFiles.InputFile;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RecordBatchDecoder;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.SourceProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
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
 * <p>All inputs are checked and enumerated when the source is built, so a missing or unreadable input
 * fails at once with a {@link PortException} and {@link #progress()} knows the total (the files' sizes on
 * disk; {@code bytesRead} counts on-disk, that is compressed, bytes). Files are opened one at a time;
 * a JSONL file is streamed line by line, a JSON file is read whole. Not thread-safe: one reader thread
 * calls {@link #next()}; {@link #progress()} may be read from any thread.
 */
public final class FileBundleSource implements BundleSource {

    private static final int GZIP_BUFFER_BYTES = 1 << 16;

    private final List<InputFile> files;
    private final List<SkippedInput> skipped;
    private final RecordBatchDecoder decoder;
    private final long bytesTotal;
    private final ArrayDeque<BundleEnvelope> decoded = new ArrayDeque<>();

    private int nextFile;
    private long bytesOfFinishedFiles;
    private volatile long bytesRead;
    private InputFile current;
    private CountingInputStream currentCount;
    private InputStream currentStream;
    private LineSplitter lines;
    private boolean closed;

    /**
     * @param inputs  files or directories, read in this order
     * @param decoder turns a recorded Pipes event ({@code *.json} holding an array) into envelopes
     * @throws PortException when an input is missing or unreadable, naming it
     */
    public FileBundleSource(List<Path> inputs, RecordBatchDecoder decoder) {
        Objects.requireNonNull(inputs, "inputs");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        InputFiles enumerated = InputFiles.enumerate(List.copyOf(inputs));
        this.files = enumerated.files();
        this.skipped = enumerated.skipped();
        this.bytesTotal = enumerated.totalBytes();
    }

    @Override
    public Optional<BundleEnvelope> next() {
        while (!closed) {
            if (!decoded.isEmpty()) {
                return Optional.of(decoded.poll());
            }
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

    @Override
    public void close() {
        closed = true;
        decoded.clear();
        closeCurrent();
    }

    private BundleEnvelope nextLine() {
        try {
            byte[] line = lines.nextLine();
            if (line == null) {
                return null;
            }
            bytesRead = bytesOfFinishedFiles + Math.min(currentCount.count(), current.size());
            return new BundleEnvelope.RawBundle(new Payload(line),
                    new Provenance.JsonLine(current.relativePath(), lines.lineNumber()));
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void open(InputFile file) {
        current = file;
        try {
            currentCount = new CountingInputStream(Files.newInputStream(file.path()));
            currentStream = currentCount;
            currentStream = decompressedIfGzip(currentCount);
            if (file.format() == Format.JSON_LINES) {
                lines = new LineSplitter(currentStream, LineSplitter.DEFAULT_BUFFER_BYTES);
            } else {
                byte[] document = currentStream.readAllBytes();
                finishFile();
                readDocument(document, file.relativePath());
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void readDocument(byte[] document, String relativePath) {
        Payload payload = new Payload(document);
        Provenance wholeFile = new Provenance.WholeFile(relativePath);
        if (startsWithArray(document)) {
            Optional<List<BundleEnvelope>> records = decoder.decode(payload, wholeFile);
            if (records.isPresent()) {
                decoded.addAll(records.get());
                return;
            }
        }
        decoded.add(new BundleEnvelope.RawBundle(payload, wholeFile));
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

    private PortException failed(IOException e) {
        InputFile file = current;
        closeCurrent();
        closed = true;
        return new PortException("cannot read " + file.path() + ": " + IoErrors.reason(e), e);
    }
}
