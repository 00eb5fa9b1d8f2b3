package dev.fanout.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The bundles of a JSONL file (gzip or not), one byte array per non-blank line, read once per trial. */
final class BundleCorpus {

    private BundleCorpus() {
    }

    static List<byte[]> read(Path jsonl) {
        byte[] data = bytes(jsonl);
        List<byte[]> bundles = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                int end = i > start && data[i - 1] == '\r' ? i - 1 : i;
                if (end > start) {
                    bundles.add(Arrays.copyOfRange(data, start, end));
                }
                start = i + 1;
            }
        }
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("no bundles in " + jsonl);
        }
        return bundles;
    }

    static long totalBytes(List<byte[]> bundles) {
        return bundles.stream().mapToLong(b -> b.length).sum();
    }

    private static byte[] bytes(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] head = raw.readNBytes(2);
            // Put the two sniffed bytes back in front of the rest of the stream.
            InputStream rest = new SequenceInputStream(new ByteArrayInputStream(head), raw);
            boolean gzip = head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            try (InputStream in = gzip ? new GZIPInputStream(rest, 1 << 16) : rest) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + file + ": " + e.getMessage(), e);
        }
    }
}
