package dev.fanout.adapters.local.file;

import dev.fanout.ports.PortException;
import dev.fanout.ports.SkippedInput;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files a list of inputs names (docs/row-event.md §7), enumerated up front: each input in the order given; a
 * directory recursively, its files in lexicographic order of their relative path with {@code /}
 * separators (as Python sorts strings: by code point); a file named directly under its base name.
 */
record InputFiles(List<InputFile> files, List<SkippedInput> skipped) {

    static final String UNKNOWN_FORMAT = "not a .jsonl, .ndjson or .json file (optionally .gz)";

    /** The format a file name says, after an optional {@code .gz} suffix is taken off. */
    enum Format {
        JSON_LINES, JSON;

        static Format of(String relativePath) {
            String name = relativePath.endsWith(".gz")
                    ? relativePath.substring(0, relativePath.length() - 3) : relativePath;
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return JSON_LINES;
            }
            return name.endsWith(".json") ? JSON : null;
        }
    }

    /** One file to read: where it is, the path its bundles' provenance names, its format and size on disk. */
    record InputFile(Path path, String relativePath, Format format, long size) {
    }

    private static final Comparator<String> BY_CODE_POINT = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    InputFiles {
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    long totalBytes() {
        return files.stream().mapToLong(InputFile::size).sum();
    }

    static InputFiles enumerate(List<Path> inputs) {
        List<InputFile> files = new ArrayList<>();
        List<SkippedInput> skipped = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new PortException("input not found: " + input);
            }
            if (Files.isDirectory(input)) {
                for (Candidate candidate : walk(input)) {
                    add(candidate.path(), candidate.relativePath(), files, skipped);
                }
            } else {
                Path name = input.getFileName();
                add(input, name == null ? input.toString() : name.toString(), files, skipped);
            }
        }
        return new InputFiles(files, skipped);
    }

    private record Candidate(Path path, String relativePath) {
    }

    private static List<Candidate> walk(Path directory) {
        if (!Files.isReadable(directory)) {
            throw new PortException("cannot read input " + directory + ": permission denied");
        }
        Path start = directory;
        try {
            if (Files.isSymbolicLink(directory)) {
                start = directory.toRealPath();
            }
            Path root = start;
            List<Candidate> found = new ArrayList<>();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    // Like os.walk: a link to a directory is listed but not followed; a link to a file is a file.
                    if (!(attributes.isSymbolicLink() && Files.isDirectory(file))) {
                        String relative = root.relativize(file).toString().replace(File.separatorChar, '/');
                        found.add(new Candidate(directory.resolve(root.relativize(file)), relative));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    throw new PortException("cannot read input " + file + ": " + IoErrors.reason(failure), failure);
                }
            });
            found.sort(Comparator.comparing(Candidate::relativePath, BY_CODE_POINT));
            return found;
        } catch (IOException e) {
            throw new PortException("cannot read input " + directory + ": " + IoErrors.reason(e), e);
        }
    }

    private static void add(Path path, String relativePath, List<InputFile> files, List<SkippedInput> skipped) {
        Format format = Format.of(relativePath);
        if (format == null) {
            skipped.add(new SkippedInput(path.toString(), UNKNOWN_FORMAT));
            return;
        }
        if (!Files.isRegularFile(path)) {
            String why = Files.exists(path) ? "not a regular file" : "a broken link";
            throw new PortException("cannot read input " + path + ": " + why);
        }
        if (!Files.isReadable(path)) {
            throw new PortException("cannot read input " + path + ": permission denied");
        }
        try {
            files.add(new InputFile(path, relativePath, format, Files.size(path)));
        } catch (IOException e) {
            throw new PortException("cannot read input " + path + ": " + IoErrors.reason(e), e);
        }
    }
}
