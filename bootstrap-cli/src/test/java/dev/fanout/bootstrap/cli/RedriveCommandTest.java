package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout redrive}: the bundle dead letters of a replay, replayed again once their cause is gone. */
class RedriveCommandTest {

    @TempDir
    Path temp;

    @Test
    void redrive_afterTheLimitIsRaised_yieldsTheRowsACleanReplayWrites_withTheirOriginalProvenance() {
        // given: a replay whose point limit turns the larger sample bundles into bundle.too_large dead letters
        Path limited = temp.resolve("limited");
        Path clean = temp.resolve("clean");
        Path redriven = temp.resolve("redriven");
        CommandRunner.Result first = CommandRunner.run("replay", ReplayCommandTest.SAMPLES.toString(), "--out",
                limited.toString(), "--org-key", "tenant", "--max-points", "40");
        CommandRunner.Result reference = CommandRunner.run("replay", ReplayCommandTest.SAMPLES.toString(), "--out",
                clean.toString(), "--org-key", "tenant");
        assertThat(first.out()).contains("bundle.too_large");

        // when
        CommandRunner.Result redrive = CommandRunner.run("redrive", limited.resolve("dead-letters").toString(),
                "--out", redriven.toString(), "--org-key", "tenant");

        // then: the rows of the first run and of the redrive are the rows of the clean run, line for line
        assertThat(redrive.exitCode()).as(redrive.err()).isZero();
        List<String> together = sorted(OutputTree.lines(limited, "rows"), OutputTree.lines(redriven, "rows"));
        assertThat(together).isEqualTo(sorted(OutputTree.lines(clean, "rows"), List.of()));
        // the bundle that is dead whatever the limit is dead again, with the same dead letter
        assertThat(lines(OutputTree.lines(redriven, "dead-letters")))
                .isSubsetOf(lines(OutputTree.lines(clean, "dead-letters")))
                .isNotEmpty();
    }

    @Test
    void redrive_countsPointDeadLettersByReason_andRedrivesOnlyTheBundles() {
        // given
        Path first = temp.resolve("first");
        CommandRunner.Result replay = CommandRunner.run("replay", ReplayCommandTest.SAMPLES.toString(), "--out",
                first.toString(), "--org-key", "tenant");
        assertThat(replay.out()).contains("point.no_value 9", "dead        bundle.invalid 1");

        // when
        CommandRunner.Result redrive = CommandRunner.run("redrive", first.resolve("dead-letters").toString(),
                "--out", temp.resolve("again").toString(), "--org-key", "tenant");

        // then
        assertThat(redrive.exitCode()).isZero();
        assertThat(redrive.out()).contains("bundles     1 read, 1 dead", "dead        bundle.invalid 1")
                .contains("skipped     point.no_value (9 dead letters not redriven: a point dead letter keeps no"
                        + " payload");
    }

    @Test
    void redrive_takesReplaysOptions_andExplainsAMissingDestinationInOneLine() {
        // when
        CommandRunner.Result help = CommandRunner.run("redrive", "--help");
        CommandRunner.Result noOut = CommandRunner.run("redrive", temp.toString());

        // then
        assertThat(help.out()).contains("Usage: fanout redrive", "DEAD-LETTER-FILES-OR-DIRS", "--max-points",
                "--firehose", "--dead-letters", "original provenance");
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err().strip()).isEqualTo("fanout redrive: name where rows go: --out DIR for files, or"
                + " --firehose STREAM (see fanout redrive --help)");
    }

    private static List<String> sorted(List<OutputTree.Line> a, List<OutputTree.Line> b) {
        return Stream.concat(lines(a).stream(), lines(b).stream()).sorted().toList();
    }

    private static List<String> lines(List<OutputTree.Line> lines) {
        return lines.stream().map(line -> line.folder() + " " + line.json().toString()).sorted().toList();
    }
}
