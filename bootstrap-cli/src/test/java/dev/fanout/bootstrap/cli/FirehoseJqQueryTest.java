package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Firehose dynamic partitioning reads the partition keys with a JQ 1.6 query (docs/row-event.md §4.2); the local replay
 * must place every row exactly where that query says. This runs the real {@code jq} binary.
 */
class FirehoseJqQueryTest {

    /** The MetadataExtractionQuery of the delivery stream, verbatim from docs/row-event.md §4.2. */
    static final String PARTITION_QUERY =
            "{orgid: (.partition.orgid // .orgId), metric: (.partition.metric // .metric), dt: .dt, hour: .hour}";

    @TempDir
    Path temp;

    @Test
    void everyRow_liesInTheFolderTheFirehoseJqQueryNames() throws Exception {
        // given rows with plain, percent-encoded and hashed segments (the samples have unicode and long names)
        Path out = temp.resolve("out");
        CommandRunner.Result replay = CommandRunner.run("replay", ReplayCommandTest.SAMPLES.toString(),
                "--out", out.toString(), "--org-key", "tenant");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        List<OutputTree.Line> rows = OutputTree.lines(out, "rows");
        assertThat(rows).anySatisfy(row -> assertThat(row.json().has("partition")).isTrue());

        // when
        List<String> keys = jq(rows.stream().map(row -> row.json().toString()).toList());

        // then
        assertThat(keys).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode key = OutputTree.parse(keys.get(i));
            String folder = "rows/orgid=" + key.get("orgid").asText() + "/metric=" + key.get("metric").asText()
                    + "/dt=" + key.get("dt").asText() + "/hour=" + key.get("hour").asText();
            assertThat(rows.get(i).folder()).as(rows.get(i).json().get("rowId").asText()).isEqualTo(folder);
        }
    }

    @Test
    void theJqOnThisMachine_isVersion1point6_asFirehoseUses() throws Exception {
        // when
        Process version = new ProcessBuilder("jq", "--version").redirectErrorStream(true).start();

        // then
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo("jq-1.6");
    }

    private static List<String> jq(List<String> jsonLines) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("jq", "-c", PARTITION_QUERY).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (OutputStream in = process.getOutputStream()) {
            for (String line : jsonLines) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return output.join().lines().toList();
    }
}
