package dev.fanout.adapters.local.file;

import dev.fanout.ports.PortException;
import dev.fanout.ports.StoredObject;
import dev.fanout.ports.StoredObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A local output tree ({@code fanout replay --out DIR}) read back: every regular file under the directory,
 * keyed by its path relative to it with {@code /} separators, in lexicographic key order as S3 lists them.
 * Hidden files are objects too: a leftover temporary dot-file is something a check must see.
 */
public final class FileStoredObjects implements StoredObjects {

    private final Path root;

    /** @throws PortException when {@code root} is not a readable directory */
    public FileStoredObjects(Path root) {
        this.root = Objects.requireNonNull(root, "root");
        if (!Files.isDirectory(root)) {
            throw new PortException("cannot read " + root + ": " + (Files.exists(root) ? "not a directory"
                    : "no such file or directory"));
        }
    }

    @Override
    public Stream<StoredObject> list() {
        List<StoredObject> objects;
        try (Stream<Path> files = Files.walk(root)) {
            objects = files.filter(Files::isRegularFile)
                    .map(file -> new StoredObject(key(file), size(file)))
                    .sorted(Comparator.comparing(StoredObject::key))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new PortException("cannot list " + root + ": " + IoErrors.reason(e), e);
        }
        return objects.stream();
    }

    @Override
    public InputStream open(StoredObject object) {
        Path file = root.resolve(object.key());
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new PortException("cannot read " + file + ": " + IoErrors.reason(e), e);
        }
    }

    @Override
    public String location(StoredObject object) {
        return root.resolve(object.key()).toString();
    }

    @Override
    public void close() {
        // Nothing held open between calls.
    }

    private String key(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
