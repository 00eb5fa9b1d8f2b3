package dev.fanout.adapters.local.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the temporary files of writers that are gone. A writer names its temporary files after its process
 * ({@code .part-<hash>-<pid>-<writer>-<sequence>.tmp}, {@code .fanout-probe-<pid>-<writer>.tmp}); a process
 * killed between writing one and renaming or deleting it leaves it behind. A later writer of the same folder
 * removes every such file whose process no longer runs, and leaves those of live processes alone (another
 * replay writing into the same folder right now).
 */
final class StaleTemporaries {

    private static final Pattern TEMPORARY = Pattern.compile(
            "\\.(?:part-[0-9a-f]+|fanout-probe)-(\\d+)-\\d+(?:-\\d+)?\\.tmp");

    private StaleTemporaries() {
    }

    /** Removes the stale temporary files directly in {@code folder}; best effort, never fails the run. */
    static void sweep(Path folder) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*.tmp")) {
            for (Path entry : entries) {
                OptionalLong pid = writerProcess(entry.getFileName().toString());
                if (pid.isPresent() && !running(pid.getAsLong())) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Only a leftover stays: dot-prefixed and ending in .tmp, so no reader takes it for an object.
        }
    }

    /** The id of the process that wrote a temporary file of this name, or empty when the name is not one. */
    static OptionalLong writerProcess(String fileName) {
        Matcher matcher = TEMPORARY.matcher(fileName);
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(matcher.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean running(long pid) {
        return pid == ProcessHandle.current().pid()
                || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
