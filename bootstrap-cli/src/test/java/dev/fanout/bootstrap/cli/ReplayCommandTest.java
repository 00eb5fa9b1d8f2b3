package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout replay} end to end: real files in, the docs/row-event.md §6 layout out. */
class ReplayCommandTest {

    static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();
    private static final Pattern POINTS = Pattern.compile("points\\s+([0-9,]+) = ([0-9,]+) rows \\+ ([0-9,]+) rejected");
    private static final Pattern BUNDLES = Pattern.compile("bundles\\s+([0-9,]+) read, ([0-9,]+) dead");

    @TempDir
    Path temp;

    @Test
    void replay_writesEveryRowAndDeadLetterTheSummaryCounts_forTheBundledSamples() {
        // given
        Path out = temp.resolve("out");

        // when
        CommandRunner.Result result = CommandRunner.run("replay", SAMPLES.toString(), "--out", out.toString(),
                "--org-key", "tenant");

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<OutputTree.Line> rows = OutputTree.lines(out, "rows");
        List<OutputTree.Line> dead = OutputTree.lines(out, "dead-letters");
        long deadPoints = dead.stream().filter(d -> d.json().path("kind").asText().equals("point")).count();
        long deadBundles = dead.size() - deadPoints;
        Matcher points = POINTS.matcher(result.out());
        Matcher bundles = BUNDLES.matcher(result.out());
        assertThat(points.find()).as(result.out()).isTrue();
        assertThat(bundles.find()).as(result.out()).isTrue();
        assertThat(number(points.group(2))).isEqualTo(rows.size()).isPositive();
        assertThat(number(points.group(3))).isEqualTo(deadPoints).isPositive();
        assertThat(number(points.group(1))).isEqualTo(rows.size() + deadPoints);
        assertThat(number(bundles.group(2))).isEqualTo(deadBundles).isPositive();
        assertThat(rows).allSatisfy(row -> assertThat(row.folder()).isEqualTo(expectedFolder(row.json())));
        assertThat(dead).allSatisfy(letter -> assertThat(letter.folder())
                .isEqualTo("dead-letters/reason=" + letter.json().path("reason").asText()));
    }

    @Test
    void replay_leavesAByteIdenticalTree_whenRunTwiceIntoTheSameDirectory() {
        // given
        Path out = temp.resolve("out");
        assertThat(CommandRunner.run("replay", SAMPLES.toString(), "--out", out.toString()).exitCode()).isZero();
        var first = OutputTree.digest(out);

        // when
        CommandRunner.Result again = CommandRunner.run("replay", SAMPLES.toString(), "--out", out.toString());

        // then
        assertThat(again.exitCode()).isZero();
        assertThat(OutputTree.digest(out)).isEqualTo(first).isNotEmpty();
    }

    @Test
    void replay_writesTheSameTree_whateverTheNumberOfThreads() {
        // given
        Path one = temp.resolve("one");
        Path two = temp.resolve("two");

        // when
        CommandRunner.run("replay", SAMPLES.toString(), "--out", one.toString(), "--threads", "1");
        CommandRunner.run("replay", SAMPLES.toString(), "--out", two.toString(), "--threads", "2",
                "--buffer", "64KiB");

        // then a tiny buffer flushes at other points, but each flush is deterministic: same rows, same folders
        assertThat(rowIds(two)).isEqualTo(rowIds(one)).isNotEmpty();
        assertThat(OutputTree.digest(temp.resolve("two")).keySet()).isNotEmpty();
        CommandRunner.run("replay", SAMPLES.toString(), "--out", temp.resolve("three").toString(), "--threads", "2");
        assertThat(OutputTree.digest(temp.resolve("three"))).isEqualTo(OutputTree.digest(one));
    }

    @Test
    void replay_failsWithOneLineAndTouchesNothing_whenAnInputIsMissing() {
        // given
        Path out = temp.resolve("out");
        Path missing = temp.resolve("no-such-file.jsonl");

        // when
        CommandRunner.Result result = CommandRunner.run("replay", missing.toString(), "--out", out.toString());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("fanout: error:").contains("no-such-file.jsonl");
        assertThat(out).doesNotExist();
    }

    @Test
    void replay_failsWithOneLine_whenTheOutputCannotBeWritten() throws IOException {
        // given
        Path out = Files.writeString(temp.resolve("a-file"), "not a directory");

        // when
        CommandRunner.Result result = CommandRunner.run("replay", SAMPLES.toString(), "--out", out.toString());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("fanout: error:").contains("a-file");
        assertThat(Files.readString(out)).isEqualTo("not a directory");
    }

    @Test
    void replay_rejectsUnusableArguments_withExitCodeTwoAndTheReason() {
        // when
        CommandRunner.Result level = CommandRunner.run("replay", SAMPLES.toString(), "--out",
                temp.resolve("o").toString(), "--gzip-level", "0");
        CommandRunner.Result profile = CommandRunner.run("replay", SAMPLES.toString(), "--out",
                temp.resolve("o").toString(), "--profile", "zipkin");
        CommandRunner.Result noOut = CommandRunner.run("replay", SAMPLES.toString());
        CommandRunner.Result size = CommandRunner.run("replay", SAMPLES.toString(), "--out",
                temp.resolve("o").toString(), "--record-limit", "lots");

        // then
        assertThat(level.exitCode()).isEqualTo(2);
        assertThat(level.err()).contains("--gzip-level");
        assertThat(profile.exitCode()).isEqualTo(2);
        assertThat(profile.err()).contains("zipkin");
        assertThat(noOut.exitCode()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("lots");
        assertThat(temp.resolve("o")).doesNotExist();
    }

    @Test
    void replay_skipsAndReportsFilesOfUnknownFormat() throws IOException {
        // given
        Path in = Files.createDirectories(temp.resolve("in"));
        Files.writeString(in.resolve("notes.txt"), "not a bundle");
        Files.writeString(in.resolve("one.json"), """
                {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"up","gauge":{"dataPoints":[
                {"timeUnixNano":"1763700000000000000","asInt":"1"}]}}]}]}]}""");

        // when
        CommandRunner.Result result = CommandRunner.run("replay", in.toString(), "--out", temp.resolve("out").toString(),
                "--org-id", "acme");

        // then
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("skipped").contains("notes.txt");
        List<OutputTree.Line> rows = OutputTree.lines(temp.resolve("out"), "rows");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.folder()).isEqualTo("rows/orgid=acme/metric=up/dt=2025-11-21/hour=04");
            assertThat(row.json().path("value").isIntegralNumber()).isTrue();
            assertThat(row.json().path("source").path("file").asText()).isEqualTo("one.json");
        });
    }

    @Test
    void help_explainsTheLayoutAndEveryOption() {
        // when
        CommandRunner.Result help = CommandRunner.run("replay", "--help");

        // then
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--out", "--org-id", "--org-key", "--profile", "--record-limit",
                "--threads", "--progress", "dead-letters/reason=", "--firehose", "--region", "--dead-letters",
                "--sse-kms-key-id", "--rows-per-record", "--write-timeout", "--call-timeout", "AWS_REGION");
        assertThat(help.out()).doesNotContain("--endpoint-url");
    }

    @Test
    void helpSubcommand_printsTheUsageOfTheCommandItNames_andRefusesOneThatDoesNotExist() {
        // when
        CommandRunner.Result replay = CommandRunner.run("help", "replay");
        CommandRunner.Result root = CommandRunner.run("help");
        CommandRunner.Result unknown = CommandRunner.run("help", "nope");
        CommandRunner.Result none = CommandRunner.run();

        // then
        assertThat(replay.exitCode()).isZero();
        assertThat(replay.out()).isEqualTo(CommandRunner.run("replay", "--help").out())
                .startsWith("Replays bundle files").contains("Usage: fanout replay [-hV]");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out()).contains("Usage: fanout [-hV] [COMMAND]", "replay", "help");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("fanout help: Unknown subcommand 'nope'. (see fanout help --help)");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("fanout: name a subcommand, e.g. 'fanout replay --help' (see fanout"
                + " --help)");
    }

    /** The folder the Firehose JQ of docs/row-event.md §4.2 names for a row. */
    static String expectedFolder(JsonNode row) {
        JsonNode partition = row.path("partition");
        String org = partition.has("orgid") ? partition.get("orgid").asText() : row.get("orgId").asText();
        String metric = partition.has("metric") ? partition.get("metric").asText() : row.get("metric").asText();
        return "rows/orgid=" + org + "/metric=" + metric + "/dt=" + row.get("dt").asText()
                + "/hour=" + row.get("hour").asText();
    }

    private static List<String> rowIds(Path out) {
        return OutputTree.lines(out, "rows").stream()
                .map(line -> line.folder() + " " + line.json().get("rowId").asText()
                        + " " + line.json().get("source").toString())
                .sorted()
                .toList();
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
