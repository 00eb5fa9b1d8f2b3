package dev.fanout.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads back what a replay wrote: every object, its folder and its JSON lines. */
final class OutputTree {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One JSON line of one object, with the object's folder relative to the output root. */
    record Line(String folder, Path object, JsonNode json) {
    }

    private OutputTree() {
    }

    static List<Line> lines(Path root, String top) {
        List<Line> lines = new ArrayList<>();
        Path base = root.resolve(top);
        if (!Files.isDirectory(base)) {
            return lines;
        }
        for (Path object : objects(base)) {
            String folder = root.relativize(object.getParent()).toString().replace('\\', '/');
            for (String text : gunzip(object).split("\n")) {
                if (!text.isEmpty()) {
                    lines.add(new Line(folder, object, parse(text)));
                }
            }
        }
        return lines;
    }

    /** Relative path → SHA-256 of every file below {@code root}, for byte-for-byte tree comparisons. */
    static Map<String, String> digest(Path root) {
        Map<String, String> digests = new TreeMap<>();
        for (Path file : files(root)) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                digests.put(root.relativize(file).toString(), HexFormat.of().formatHex(hash));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return digests;
    }

    /**
     * Relative path → SHA-256 of the uncompressed content of every file below {@code root} (every file, dot-files
     * included): trees that hold the same rows in the same objects compare equal whichever gzip engine wrote them.
     */
    static Map<String, String> rowDigest(Path root) {
        Map<String, String> digests = new TreeMap<>();
        for (Path file : files(root)) {
            try {
                byte[] content = file.getFileName().toString().endsWith(".gz")
                        ? gunzip(file).getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(file);
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
                digests.put(root.relativize(file).toString(), HexFormat.of().formatHex(hash));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return digests;
    }

    static List<Path> objects(Path base) {
        return files(base).stream().filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).toList();
    }

    static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String gunzip(Path object) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(object + ": " + e.getMessage(), e);
        }
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
