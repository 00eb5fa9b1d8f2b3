package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Memory limits in a real JVM: an oversized bundle in a small heap, many partitions in little direct memory. */
class ReplayMemoryLimitsTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path temp;

    @Test
    void replay_turnsA200MbLineIntoOneTooLargeDeadLetter_andReplaysTheLinesAroundIt_inA256MbHeap() throws Exception {
        // given: a 200 MiB line (a few hundred KB gzip'd) between two bundles of three points
        Path input = temp.resolve("huge.jsonl.gz");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] head = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[]},\"padding\":\""
                .getBytes(StandardCharsets.UTF_8);
        byte[] spaces = new byte[MIB];
        Arrays.fill(spaces, (byte) ' ');
        byte[] tail = "\"}]}".getBytes(StandardCharsets.UTF_8);
        long hugeBytes = head.length + 200L * MIB + tail.length;
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(input), 1 << 16)) {
            out.write((GeneratedBundles.bundle(0, 3, 1) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(head);
            sha256.update(head);
            for (int i = 0; i < 200; i++) {
                out.write(spaces);
                sha256.update(spaces);
            }
            out.write(tail);
            sha256.update(tail);
            out.write(("\n" + GeneratedBundles.bundle(1, 3, 1) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.size(input)).isLessThan(2L * MIB);
        Path out = temp.resolve("out");

        // when
        ReplayProcess.Result result = ReplayProcess.run(temp.resolve("logs"), List.of("-Xmx256m"),
                "replay", input.toString(), "--out", out.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).doesNotContain("OutOfMemoryError");
        assertThat(OutputTree.lines(out, "rows")).hasSize(6);
        List<OutputTree.Line> dead = OutputTree.lines(out, "dead-letters");
        assertThat(dead).singleElement().satisfies(line -> {
            JsonNode letter = line.json();
            assertThat(line.folder()).isEqualTo("dead-letters/reason=bundle.too_large");
            assertThat(letter.get("payloadBytes").asLong()).isEqualTo(hugeBytes);
            assertThat(letter.get("payloadTruncated").asBoolean()).isTrue();
            assertThat(letter.get("bundleId").asText())
                    .isEqualTo(HexFormat.of().formatHex(sha256.digest()).substring(0, 24));
            assertThat(letter.get("source").toString()).isEqualTo("{\"file\":\"huge.jsonl.gz\",\"line\":2}");
            byte[] prefix = Base64.getDecoder().decode(letter.get("payloadBase64").asText());
            assertThat(prefix).hasSize(64 << 10).startsWith(head);
        });
        assertThat(result.out()).contains("bundle.too_large 1");
    }

    @Test
    void replay_keepsDirectMemoryWithinTheBuffer_withManyPartitions() throws IOException {
        // given: 120 bundles of 200 metrics over 2 hours, 400 partitions, each bundle a row in 200 of them (the
        // replay before the fix reserved a second 8 MiB slab here and failed: "Cannot reserve … direct buffer memory")
        Path input = GeneratedBundles.write(temp.resolve("wide.jsonl.gz"), 120, 200, 2);
        Path out = temp.resolve("out");

        // when: a JVM whose direct memory is the 8 MiB budget and 4 MiB for everything else
        ReplayProcess.Result result = ReplayProcess.run(temp.resolve("logs"),
                List.of("-XX:MaxDirectMemorySize=12m"), "replay", input.toString(), "--out", out.toString(),
                "--buffer", "8MiB", "--threads", "2");

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("points      24,000 = 24,000 rows + 0 rejected");
        long rows = 0;
        for (Path object : OutputTree.objects(out.resolve("rows"))) {
            rows += OutputTree.gunzip(object).chars().filter(c -> c == '\n').count();
        }
        assertThat(rows).isEqualTo(24_000);
    }
}
