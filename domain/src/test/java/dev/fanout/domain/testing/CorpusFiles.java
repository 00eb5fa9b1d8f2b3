package dev.fanout.domain.testing;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Test resources read as docs/row-event.md §7 and §4.3 read a file named directly: a {@code .jsonl} is
 * one bundle per non-blank line with {@code {"file": name, "line": n}}, a {@code .json} one bundle with
 * {@code {"file": name}}.
 */
public final class CorpusFiles {

    private CorpusFiles() {
    }

    public static byte[] read(String resource) {
        try (InputStream in = CorpusFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            byte[] bytes = in.readAllBytes();
            if (resource.endsWith(".gz")) {
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    return gz.readAllBytes();
                }
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<BundleEnvelope> bundles(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        byte[] data = read(resource);
        List<BundleEnvelope> out = new ArrayList<>();
        if (!name.endsWith(".jsonl")) {
            out.add(new BundleEnvelope.RawBundle(new Payload(data), new Provenance.WholeFile(name)));
            return out;
        }
        int start = 0;
        int line = 1;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == '\n') {
                int end = i;
                if (end > start && data[end - 1] == '\r') {
                    end--;
                }
                byte[] bytes = Arrays.copyOfRange(data, start, end);
                if (!isBlank(bytes)) {
                    out.add(new BundleEnvelope.RawBundle(new Payload(bytes), new Provenance.JsonLine(name, line)));
                }
                line++;
                start = i + 1;
            }
        }
        return out;
    }

    /** Python's {@code bytes.strip()} whitespace. */
    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != 0x0B && b != 0x0C) {
                return false;
            }
        }
        return true;
    }

    public static List<String> lines(String resource) {
        String text = new String(read(resource), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }
}
