package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.adapters.local.file.FileRowSink;
import dev.fanout.adapters.local.file.GzipSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a replay promises when its input is damaged, and whatever gzip engine the machine has. */
class ReplayPromisesTest {

    private static final CliEnvironment ZLIB = new CliEnvironment(Optional.empty(), ProgressMode.NEVER, () -> {
        throw new AssertionError("a replay asked for AWS credentials it should not need");
    }, false);

    @TempDir
    Path temp;

    @Test
    void replay_replaysEverythingReadable_reportsTheDamagedFile_andExitsWithOne_whenAGzipFileIsCutShort()
            throws IOException {
        // given: a backfill folder where one archive was cut short
        Path in = Files.createDirectories(temp.resolve("in"));
        GeneratedBundles.write(in.resolve("a.jsonl.gz"), 20, 5, 1);
        StringBuilder lines = new StringBuilder();
        for (int b = 0; b < 2_000; b++) {
            lines.append(GeneratedBundles.bundle(100 + b, 5, 1)).append('\n');
        }
        byte[] gzip = gzip(lines.toString().getBytes(StandardCharsets.UTF_8));
        Path cut = Files.write(in.resolve("b.jsonl.gz"), Arrays.copyOf(gzip, gzip.length * 2 / 3));
        GeneratedBundles.write(in.resolve("c.jsonl.gz"), 20, 5, 1);
        Path out = temp.resolve("out");

        // when
        CommandRunner.Result result = CommandRunner.run("replay", in.toString(), "--out", out.toString());

        // then: rows of the whole files and of every complete line of the cut one, each bundle's five points
        assertThat(result.exitCode()).isEqualTo(1);
        List<OutputTree.Line> rows = OutputTree.lines(out, "rows");
        assertThat(rows.size() % 5).isZero();
        assertThat(rows.size() / 5).isGreaterThan(40 + 100).isLessThan(40 + 2_000);
        assertThat(result.out()).containsPattern("DAMAGED     " + cut.toString().replace("/", "\\/")
                + " \\(read [0-9,]+ of [0-9,]+ bytes; after line [0-9,]+: Unexpected end of ZLIB input stream\\)");
        assertThat(result.out()).contains("points      " + String.format("%,d", rows.size()) + " = ");
        assertThat(result.err()).startsWith("fanout: error: 1 input(s) could not be read to their end, first "
                + cut + ": after line ");
    }

    @Test
    void replay_writesEachRowOnce_whenTheSameInputIsReplayedIntoOneFolderWithLibdeflateZlibAndAnotherLevel() {
        // given
        Path input = GeneratedBundles.write(temp.resolve("in.jsonl.gz"), 200, 20, 3);
        Path out = temp.resolve("out");
        Optional<String> libdeflateProblem = FileRowSink.nativeCompressionProblem(new GzipSettings(1, true));

        // when: libdeflate (where it loads, else zlib again), the JDK's zlib, and zlib at level 6, one after another
        CommandRunner.Result nativeRun = CommandRunner.run("replay", input.toString(), "--out", out.toString(),
                "--buffer", "1MiB");
        Map<String, String> afterNative = OutputTree.digest(out);
        CommandRunner.Result zlibRun = CommandRunner.runIn(ZLIB, "replay", input.toString(), "--out", out.toString(),
                "--buffer", "1MiB");
        Map<String, String> afterZlib = OutputTree.digest(out);
        CommandRunner.Result level6Run = CommandRunner.runIn(ZLIB, "replay", input.toString(), "--out",
                out.toString(), "--buffer", "1MiB", "--gzip-level", "6");

        // then: the same object names every time, so every row once
        assertThat(List.of(nativeRun.exitCode(), zlibRun.exitCode(), level6Run.exitCode())).containsOnly(0);
        Set<String> rowIds = new HashSet<>();
        List<OutputTree.Line> rows = OutputTree.lines(out, "rows");
        rows.forEach(row -> rowIds.add(row.json().get("rowId").asText()));
        assertThat(rows).hasSize(4_000);
        assertThat(rowIds).hasSize(4_000);
        assertThat(afterZlib.keySet()).isEqualTo(afterNative.keySet());
        assertThat(OutputTree.digest(out).keySet()).isEqualTo(afterNative.keySet());
        assertThat(OutputTree.digest(out)).isNotEqualTo(afterZlib);
        if (libdeflateProblem.isEmpty()) {
            // The libdeflate half: other bytes under the same names, and no note.
            assertThat(afterZlib).isNotEqualTo(afterNative);
            assertThat(nativeRun.err()).doesNotContain("libdeflate");
        } else {
            // Without libdeflate the run says so once instead of falling back silently.
            assertThat(nativeRun.err()).containsOnlyOnce("fanout: note: libdeflate did not load (");
        }
        assertThat(zlibRun.err()).doesNotContain("libdeflate");
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }
}
