package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replay killed with SIGKILL at any moment and run again leaves exactly the tree of a clean run. */
class ReplayKillTest {

    @TempDir
    Path temp;

    @Test
    void rerun_leavesTheTreeOfACleanRun_afterReplaysKilledBeforeTheFirstObject_afterIt_andHalfWayThrough() {
        // given: ~4,000 rows in 40 partitions, with a small buffer so that objects are written all through the run
        Path input = GeneratedBundles.write(temp.resolve("in.jsonl.gz"), 200, 20, 2);
        CommandRunner.Result cleanRun = CommandRunner.run(args(input, temp.resolve("clean")));
        assertThat(cleanRun.exitCode()).as(cleanRun.err()).isZero();
        Map<String, String> cleanTree = OutputTree.rowDigest(temp.resolve("clean"));
        long cleanObjects = cleanTree.size();
        assertThat(cleanObjects).isGreaterThan(20);
        Path out = temp.resolve("out");
        String[] killed = args(input, out);

        // when: killed 0.3 s after its start (during start-up or the first objects, whichever the machine's load
        // makes it), after the first object, and after half of them, each run into the same folder; then run to
        // the end (in this JVM, like the clean run)
        killWhen(killed, since -> System.currentTimeMillis() - since > 300);
        boolean killedAfterFirst = killWhen(killed, since -> objectsWrittenSince(out, since) >= 1);
        boolean killedHalfWay = killWhen(killed, since -> objectsWrittenSince(out, since) >= cleanObjects / 2);
        CommandRunner.Result last = CommandRunner.run(killed);

        // then: the same files with the same rows (the clean run ran in this JVM; compared uncompressed, so
        // whichever gzip engine each JVM bound), and nothing else: no temporary file, no object of another name,
        // so no row twice
        assertThat(killedAfterFirst).as("the second replay was still running when killed").isTrue();
        assertThat(killedHalfWay).as("the third replay was still running when killed").isTrue();
        assertThat(last.exitCode()).as(last.err()).isZero();
        assertThat(OutputTree.rowDigest(out)).isEqualTo(cleanTree);
    }

    private interface Moment {
        boolean reached(long startedAtMillis);
    }

    /** Starts a replay and kills it at the moment given; true when it was still running then. */
    private boolean killWhen(String[] args, Moment moment) {
        long startedAt = System.currentTimeMillis();
        ReplayProcess replay = ReplayProcess.start(temp.resolve("logs"), List.of(), args);
        BooleanSupplier done = () -> !replay.isAlive() || moment.reached(startedAt);
        while (!done.getAsBoolean()) {
            Thread.onSpinWait();
        }
        boolean alive = replay.isAlive();
        replay.kill();
        return alive;
    }

    private static String[] args(Path input, Path out) {
        return new String[] {"replay", input.toString(), "--out", out.toString(), "--buffer", "512KiB", "--threads", "2"};
    }

    /** Objects put in place since {@code millis} (a rerun replaces the earlier runs' objects by new files). */
    private static long objectsWrittenSince(Path out, long millis) {
        Path rows = out.resolve("rows");
        if (!Files.isDirectory(rows)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(rows)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz"))
                    .filter(p -> modifiedSince(p, millis)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a folder or file changing while walked; look again
        }
    }

    private static boolean modifiedSince(Path file, long millis) {
        try {
            return Files.getLastModifiedTime(file).toMillis() >= millis;
        } catch (IOException e) {
            return false;
        }
    }
}
