package dev.fanout.adapters.local.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Test helpers over folders and gzip: recursive listings and hashes, gzip in and out, JSONL lines. */
final class Trees {

    private Trees() {
    }

    /** Every regular file below {@code root}, as relative paths with {@code /}, sorted. */
    static List<String> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    /** SHA-256 over every file's relative path and bytes, in path order: equal trees, equal hashes. */
    static String hash(Path root) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String file : files(root)) {
                digest.update(file.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(root.resolve(file)));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gunzip(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The lines of a gzip'd JSONL object, each without its newline; the object must end in one. */
    static List<byte[]> jsonLines(Path object) throws IOException {
        byte[] plain = gunzip(Files.readAllBytes(object));
        if (plain.length > 0 && plain[plain.length - 1] != '\n') {
            throw new IllegalStateException(object + " does not end with a newline");
        }
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < plain.length; i++) {
            if (plain[i] == '\n') {
                lines.add(Arrays.copyOfRange(plain, start, i));
                start = i + 1;
            }
        }
        return lines;
    }
}
