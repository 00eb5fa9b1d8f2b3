package dev.fanout.adapters.local.file;

import dev.fanout.ports.DamagedInput;
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
 *
 * <p>Only a named input that does not exist stops the run (a mistyped argument). Everything found that cannot
 * be read — a folder that cannot be listed, an unreadable file, a broken link, something that is not a
 * regular file — is reported as damaged and the rest is read. Links to folders are not followed (so a link
 * loop cannot make the walk endless) and are listed as skipped.
 */
record InputFiles(List<InputFile> files, List<SkippedInput> skipped, List<DamagedInput> damaged) {

    static final String UNKNOWN_FORMAT = "not a .jsonl, .ndjson or .json file (optionally .gz)";
    static final String FOLDER_LINK = "a link to a folder, not followed";

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
        damaged = List.copyOf(damaged);
    }

    long totalBytes() {
        return files.stream().mapToLong(InputFile::size).sum();
    }

    static InputFiles enumerate(List<Path> inputs) {
        List<InputFile> files = new ArrayList<>();
        List<SkippedInput> skipped = new ArrayList<>();
        List<DamagedInput> damaged = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new PortException("input not found: " + input);
            }
            if (Files.isDirectory(input)) {
                for (Candidate candidate : walk(input, skipped, damaged)) {
                    add(candidate.path(), candidate.relativePath(), files, skipped, damaged);
                }
            } else {
                Path name = input.getFileName();
                add(input, name == null ? input.toString() : name.toString(), files, skipped, damaged);
            }
        }
        return new InputFiles(files, skipped, damaged);
    }

    private record Candidate(Path path, String relativePath) {
    }

    private static List<Candidate> walk(Path directory, List<SkippedInput> skipped, List<DamagedInput> damaged) {
        Path start = directory;
        List<Candidate> found = new ArrayList<>();
        try {
            if (Files.isSymbolicLink(directory)) {
                start = directory.toRealPath();
            }
            Path root = start;
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    Path named = directory.resolve(root.relativize(file));
                    // Like os.walk: a link to a directory is listed but not followed; a link to a file is a file.
                    if (attributes.isSymbolicLink() && Files.isDirectory(file)) {
                        skipped.add(new SkippedInput(named.toString(), FOLDER_LINK));
                    } else {
                        String relative = root.relativize(file).toString().replace(File.separatorChar, '/');
                        found.add(new Candidate(named, relative));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    damaged.add(new DamagedInput(directory.resolve(root.relativize(file)).toString(), 0, -1,
                            IoErrors.reason(failure)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            damaged.add(new DamagedInput(directory.toString(), 0, -1, IoErrors.reason(e)));
        }
        found.sort(Comparator.comparing(Candidate::relativePath, BY_CODE_POINT));
        return found;
    }

    private static void add(Path path, String relativePath, List<InputFile> files, List<SkippedInput> skipped,
                            List<DamagedInput> damaged) {
        Format format = Format.of(relativePath);
        if (format == null) {
            skipped.add(new SkippedInput(path.toString(), UNKNOWN_FORMAT));
            return;
        }
        if (!Files.isRegularFile(path)) {
            String why = Files.exists(path) ? "not a regular file" : "a broken link";
            damaged.add(new DamagedInput(path.toString(), 0, -1, why));
            return;
        }
        if (!Files.isReadable(path)) {
            damaged.add(new DamagedInput(path.toString(), 0, -1, "permission denied"));
            return;
        }
        try {
            files.add(new InputFile(path, relativePath, format, Files.size(path)));
        } catch (IOException e) {
            damaged.add(new DamagedInput(path.toString(), 0, -1, IoErrors.reason(e)));
        }
    }
}
