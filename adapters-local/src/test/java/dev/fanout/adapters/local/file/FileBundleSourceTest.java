package dev.fanout.adapters.local.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.DamagedInput;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.contract.BundleSourceContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBundleSourceTest extends BundleSourceContract {

    @TempDir
    Path dir;

    private final TinyPipesDecoder decoder = TinyPipesDecoder.recognisingEvents();

    @Override
    protected BundleSource sourceOf(List<Payload> bundles) throws IOException {
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        for (Payload bundle : bundles) {
            jsonl.write(bundle.bytes());
            jsonl.write('\n');
        }
        Path file = Files.write(dir.resolve("bundles.jsonl"), jsonl.toByteArray());
        return new FileBundleSource(List.of(file), decoder);
    }

    @Test
    void next_readsJsonLines_withOneBundleALine_andItsFileAndLineAsProvenance() throws IOException {
        // given
        Files.writeString(dir.resolve("a.ndjson"), "{\"n\":1}\n{\"n\":2}\n");

        // when
        List<BundleEnvelope> envelopes = readAll(dir);

        // then
        assertThat(envelopes).containsExactly(
                raw("{\"n\":1}", new Provenance.JsonLine("a.ndjson", 1)),
                raw("{\"n\":2}", new Provenance.JsonLine("a.ndjson", 2)));
    }

    @Test
    void next_countsBlankLines_andSkipsThem() throws IOException {
        // given
        Files.writeString(dir.resolve("b.jsonl"), "\n  \n{\"n\":3}\n\t\u000b\u000c\r\n{\"n\":5}\n\n");

        // when
        List<BundleEnvelope> envelopes = readAll(dir);

        // then
        assertThat(envelopes).containsExactly(
                raw("{\"n\":3}", new Provenance.JsonLine("b.jsonl", 3)),
                raw("{\"n\":5}", new Provenance.JsonLine("b.jsonl", 5)));
    }

    @Test
    void next_dropsOneCarriageReturnBeforeTheNewline_andKeepsALastLineWithoutNewline() throws IOException {
        // given
        Files.writeString(dir.resolve("crlf.jsonl"), "{\"n\":1}\r\n{\"n\":2}\r\r\n {\"n\":3} ");

        // when
        List<BundleEnvelope> envelopes = readAll(dir);

        // then
        assertThat(envelopes).containsExactly(
                raw("{\"n\":1}", new Provenance.JsonLine("crlf.jsonl", 1)),
                raw("{\"n\":2}\r", new Provenance.JsonLine("crlf.jsonl", 2)),
                raw(" {\"n\":3} ", new Provenance.JsonLine("crlf.jsonl", 3)));
    }

    @Test
    void next_readsAJsonlGzFile() throws IOException {
        // given
        Files.write(dir.resolve("c.jsonl.gz"), Trees.gzip("{\"n\":1}\n\n{\"n\":3}\n".getBytes(StandardCharsets.UTF_8)));

        // when
        List<BundleEnvelope> envelopes = readAll(dir);

        // then
        assertThat(envelopes).containsExactly(
                raw("{\"n\":1}", new Provenance.JsonLine("c.jsonl.gz", 1)),
                raw("{\"n\":3}", new Provenance.JsonLine("c.jsonl.gz", 3)));
    }

    @Test
    void next_detectsGzipByContent_whateverTheName() throws IOException {
        // given
        Files.write(dir.resolve("zipped-but-unnamed.jsonl"), Trees.gzip("{\"n\":1}\n".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("named-but-plain.jsonl.gz"), "{\"n\":2}\n");

        // when
        List<BundleEnvelope> envelopes = readAll(dir);

        // then
        assertThat(envelopes).containsExactly(
                raw("{\"n\":2}", new Provenance.JsonLine("named-but-plain.jsonl.gz", 1)),
                raw("{\"n\":1}", new Provenance.JsonLine("zipped-but-unnamed.jsonl", 1)));
    }

    @Test
    void next_readsDirectoriesRecursively_inLexicographicOrderOfTheRelativePath() throws IOException {
        // given
        for (String name : List.of("b.jsonl", "a/z.jsonl", "a.jsonl", "A/x.jsonl", "a-b/c.jsonl", "a/b/c.jsonl",
                "é.jsonl")) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "{\"f\":\"" + name + "\"}\n");
        }

        // when
        List<String> files = readAll(dir).stream().map(e -> ((Provenance.JsonLine) e.source()).file()).toList();

        // then
        assertThat(files).containsExactly("A/x.jsonl", "a-b/c.jsonl", "a.jsonl", "a/b/c.jsonl", "a/z.jsonl",
                "b.jsonl", "é.jsonl");
    }

    @Test
    void next_readsInputsInTheOrderGiven_andNamesAFileGivenDirectlyByItsBaseName() throws IOException {
        // given
        Path second = Files.createDirectories(dir.resolve("deep/er"));
        Path z = Files.writeString(second.resolve("z.jsonl"), "{\"n\":1}\n");
        Path a = Files.writeString(dir.resolve("a.jsonl"), "{\"n\":2}\n");

        // when
        List<BundleEnvelope> envelopes;
        try (FileBundleSource source = new FileBundleSource(List.of(z, a), decoder)) {
            envelopes = drain(source);
        }

        // then
        assertThat(envelopes).containsExactly(
                raw("{\"n\":1}", new Provenance.JsonLine("z.jsonl", 1)),
                raw("{\"n\":2}", new Provenance.JsonLine("a.jsonl", 1)));
    }

    @Test
    void next_yieldsAJsonObjectFile_asOneBundle_withWholeFileProvenance() throws IOException {
        // given
        String document = "{\n  \"resourceMetrics\": []\n}\n";
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/one.json"), document);
        Files.write(dir.resolve("sub/two.json.gz"), Trees.gzip(document.getBytes(StandardCharsets.UTF_8)));

        // when
        List<BundleEnvelope> envelopes = readAll(dir);

        // then
        assertThat(envelopes).containsExactly(
                raw(document, new Provenance.WholeFile("sub/one.json")),
                raw(document, new Provenance.WholeFile("sub/two.json.gz")));
        assertThat(decoder.events).isEmpty();
    }

    @Test
    void next_handsAJsonArrayToTheDecoder_andYieldsItsRecordsWithKafkaProvenance() throws IOException {
        // given
        String event = "  \n[{\"topic\":\"lmdp\",\"partition\":3,\"offset\":41,\"value\":\"" + base64("{\"a\":1}")
                + "\"},{\"topic\":\"lmdp\",\"partition\":3,\"offset\":42,\"value\":\"%%%\"}]";
        Files.writeString(dir.resolve("event.json"), event);

        // when
        List<BundleEnvelope> envelopes = readAll(dir);

        // then
        Provenance.KafkaRecord second = new Provenance.KafkaRecord("lmdp", 3, 42);
        assertThat(envelopes).containsExactly(
                raw("{\"a\":1}", new Provenance.KafkaRecord("lmdp", 3, 41)),
                new BundleEnvelope.BadEnvelope(second, "value is not base64", Payload.utf8("%%%")));
        assertThat(decoder.events).containsExactly(Payload.utf8(event));
        assertThat(decoder.fallbacks).containsExactly(new Provenance.WholeFile("event.json"));
    }

    @Test
    void next_yieldsAnEmptyArrayEvent_asNoBundles() throws IOException {
        // given
        Files.writeString(dir.resolve("empty-event.json"), "[]");

        // when
        List<BundleEnvelope> envelopes = readAll(dir);

        // then
        assertThat(envelopes).isEmpty();
    }

    @Test
    void next_yieldsTheWholeFile_whenTheDecoderSaysTheArrayIsNoEvent() throws IOException {
        // given
        Files.writeString(dir.resolve("array.json"), "[1,2,3]");
        TinyPipesDecoder refusing = TinyPipesDecoder.recognisingNothing();

        // when
        List<BundleEnvelope> envelopes;
        try (FileBundleSource source = new FileBundleSource(List.of(dir), refusing)) {
            envelopes = drain(source);
        }

        // then
        assertThat(envelopes).containsExactly(raw("[1,2,3]", new Provenance.WholeFile("array.json")));
        assertThat(refusing.events).hasSize(1);
    }

    @Test
    void skipped_reportsFilesOfUnknownFormat_andReadsTheRest() throws IOException {
        // given
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.writeString(dir.resolve("data.csv.gz"), "a,b");
        Files.writeString(dir.resolve("UPPER.JSONL"), "{}");
        Files.writeString(dir.resolve("ok.jsonl"), "{}\n");

        // when
        List<BundleEnvelope> envelopes;
        List<SkippedInput> skipped;
        try (FileBundleSource source = new FileBundleSource(List.of(dir), decoder)) {
            envelopes = drain(source);
            skipped = source.skipped();
        }

        // then
        assertThat(envelopes).containsExactly(raw("{}", new Provenance.JsonLine("ok.jsonl", 1)));
        assertThat(skipped).map(SkippedInput::path).containsExactly(
                dir.resolve("UPPER.JSONL").toString(), dir.resolve("data.csv.gz").toString(),
                dir.resolve("notes.txt").toString());
        assertThat(skipped).map(SkippedInput::why).allSatisfy(why -> assertThat(why).contains(".jsonl"));
    }

    @Test
    void progress_countsCompressedBytesOnDisk_ofTheFilesItReads() throws IOException {
        // given
        byte[] gzip = Trees.gzip("{\"n\":1}\n{\"n\":2}\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("a.jsonl.gz"), gzip);
        Files.writeString(dir.resolve("b.json"), "{}");
        Files.writeString(dir.resolve("skipped.txt"), "not counted");

        try (FileBundleSource source = new FileBundleSource(List.of(dir), decoder)) {
            // when
            long total = source.progress().bytesTotal();
            drain(source);

            // then
            assertThat(total).isEqualTo(gzip.length + 2L);
            assertThat(source.progress().bytesRead()).isEqualTo(total);
        }
    }

    @Test
    void next_streamsManyLinesOfEveryLength_acrossBufferBoundaries() throws IOException {
        // given
        Random random = new Random(42);
        List<Payload> expected = new ArrayList<>();
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        for (int n = 0; n < 3000; n++) {
            byte[] line = new byte[random.nextInt(random.nextInt(10) == 0 ? 600_000 : 2000) + 1];
            Arrays.fill(line, (byte) ('a' + n % 26));
            expected.add(new Payload(line));
            jsonl.write(line);
            jsonl.write(n % 3 == 0 ? "\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[] {'\n'});
        }
        Files.write(dir.resolve("big.jsonl.gz"), Trees.gzip(jsonl.toByteArray()));

        // when
        List<BundleEnvelope> envelopes = readAll(dir);

        // then
        assertThat(envelopes).map(e -> ((BundleEnvelope.RawBundle) e).payload()).containsExactlyElementsOf(expected);
        assertThat(envelopes.getLast().source()).isEqualTo(new Provenance.JsonLine("big.jsonl.gz", 3000));
    }

    @Test
    void constructor_throwsPortException_namingAMissingInput() {
        // given
        Path missing = dir.resolve("no-such-input.jsonl");

        // when / then
        assertThatThrownBy(() -> new FileBundleSource(List.of(dir, missing), decoder))
                .isInstanceOf(PortException.class)
                .hasMessage("input not found: " + missing);
    }

    @Test
    void next_yieldsTheCompleteLinesOfATruncatedGzipFile_reportsIt_andReadsTheNextFile() throws IOException {
        // given: an archive cut in half between two whole files
        Path before = Files.writeString(dir.resolve("a.jsonl"), "{\"a\":1}\n");
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= 20_000; n++) {
            text.append("{\"n\":").append(n).append("}\n");
        }
        byte[] gzip = Trees.gzip(text.toString().getBytes(StandardCharsets.UTF_8));
        Path cut = Files.write(dir.resolve("b.jsonl.gz"), Arrays.copyOf(gzip, gzip.length / 2));
        Path after = Files.writeString(dir.resolve("c.jsonl"), "{\"c\":1}\n");

        // when
        List<BundleEnvelope> bundles;
        List<DamagedInput> damaged;
        try (FileBundleSource source = new FileBundleSource(List.of(dir), decoder)) {
            bundles = drain(source);
            damaged = source.damaged();
        }

        // then: every line read from the cut file is whole and in place, the cut one is not among them
        assertThat(bundles.getFirst()).isEqualTo(raw("{\"a\":1}", new Provenance.JsonLine("a.jsonl", 1)));
        assertThat(bundles.getLast()).isEqualTo(raw("{\"c\":1}", new Provenance.JsonLine("c.jsonl", 1)));
        List<BundleEnvelope> fromCut = bundles.subList(1, bundles.size() - 1);
        assertThat(fromCut).hasSizeBetween(1, 19_999);
        for (int i = 0; i < fromCut.size(); i++) {
            assertThat(fromCut.get(i)).isEqualTo(raw("{\"n\":" + (i + 1) + "}", new Provenance.JsonLine("b.jsonl.gz", i + 1)));
        }
        assertThat(damaged).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo(cut.toString());
            assertThat(d.bytesRead()).isPositive().isLessThanOrEqualTo(d.bytesTotal());
            assertThat(d.bytesTotal()).isEqualTo(Files.size(cut));
            assertThat(d.cause()).isEqualTo("after line " + fromCut.size() + ": Unexpected end of ZLIB input stream");
        });
        assertThat(before).exists();
        assertThat(after).exists();
    }

    @Test
    void next_reportsACorruptGzipFile_aFileThatVanished_andABrokenLink_andReadsEveryOtherFile() throws IOException {
        // given
        byte[] gzip = Trees.gzip("{\"n\":1}\n".repeat(1_000).getBytes(StandardCharsets.UTF_8));
        for (int i = 10; i < 40; i++) {
            gzip[i] = (byte) ~gzip[i];
        }
        Path corrupt = Files.write(dir.resolve("a.jsonl.gz"), gzip);
        Path vanishing = Files.writeString(dir.resolve("b.json"), "{\"b\":1}");
        Path folder = Files.createSymbolicLink(dir.resolve("c.ndjson"), dir.resolve("missing"));
        Files.writeString(dir.resolve("d.jsonl"), "{\"d\":1}\n");

        // when
        List<BundleEnvelope> bundles;
        List<DamagedInput> damaged;
        try (FileBundleSource source = new FileBundleSource(List.of(dir, dir.resolve("d.jsonl")),
                decoder)) {
            Files.delete(vanishing);
            bundles = drain(source);
            damaged = source.damaged();
        }

        // then
        assertThat(bundles).containsExactly(raw("{\"d\":1}", new Provenance.JsonLine("d.jsonl", 1)),
                raw("{\"d\":1}", new Provenance.JsonLine("d.jsonl", 1)));
        assertThat(damaged).extracting(DamagedInput::path)
                .containsExactly(folder.toString(), corrupt.toString(), vanishing.toString());
        assertThat(damaged).allSatisfy(d -> assertThat(d.cause()).isNotBlank());
        assertThat(damaged.getFirst().cause()).isEqualTo("a broken link");
        assertThat(damaged.get(2).bytesRead()).isZero();
    }

    @Test
    void next_readsEachFileOnce_andListsTheLinkAsSkipped_whenAFolderLinksBackToItsParent() throws IOException {
        // given: sub/loop -> .., a loop for any walk that follows links
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("x.jsonl"), "{\"x\":1}\n");
        Files.createSymbolicLink(sub.resolve("loop"), dir);

        // when
        List<BundleEnvelope> bundles;
        List<SkippedInput> skipped;
        try (FileBundleSource source = new FileBundleSource(List.of(dir), decoder)) {
            bundles = drain(source);
            skipped = source.skipped();
            assertThat(source.damaged()).isEmpty();
        }

        // then
        assertThat(bundles).containsExactly(raw("{\"x\":1}", new Provenance.JsonLine("sub/x.jsonl", 1)));
        assertThat(skipped).containsExactly(new SkippedInput(sub.resolve("loop").toString(), InputFiles.FOLDER_LINK));
    }

    @Test
    void next_yieldsTooLargeEnvelopes_forALineAndADocumentPastTheLimit_withoutHoldingThem() throws Exception {
        // given: a limit of 1,000 bytes; a 5,000-byte line between two small ones, and a 3,000-byte .json bundle
        String big = "{\"resourceMetrics\":[" + " ".repeat(4_978) + "]}";
        Path lines = Files.write(dir.resolve("a.jsonl.gz"),
                Trees.gzip(("{\"a\":1}\n" + big + "\n{\"a\":3}\n").getBytes(StandardCharsets.UTF_8)));
        String document = "{\"resourceMetrics\":[" + " ".repeat(2_978) + "]}";
        Files.writeString(dir.resolve("b.json"), document);

        // when
        List<BundleEnvelope> bundles;
        try (FileBundleSource source = new FileBundleSource(List.of(dir), decoder, 1_000)) {
            bundles = drain(source);
        }

        // then
        assertThat(bundles).hasSize(4);
        assertThat(bundles.get(0)).isEqualTo(raw("{\"a\":1}", new Provenance.JsonLine("a.jsonl.gz", 1)));
        assertThat(bundles.get(1)).isEqualTo(new BundleEnvelope.TooLarge(new Provenance.JsonLine("a.jsonl.gz", 2),
                5_000, sha256(big), Payload.utf8(big)));
        assertThat(bundles.get(2)).isEqualTo(raw("{\"a\":3}", new Provenance.JsonLine("a.jsonl.gz", 3)));
        assertThat(bundles.get(3)).isEqualTo(new BundleEnvelope.TooLarge(new Provenance.WholeFile("b.json"),
                3_000, sha256(document), Payload.utf8(document)));
        assertThat(lines).exists();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private List<BundleEnvelope> readAll(Path input) {
        try (FileBundleSource source = new FileBundleSource(List.of(input), decoder)) {
            return drain(source);
        }
    }

    private static BundleEnvelope raw(String bundle, Provenance source) {
        return new BundleEnvelope.RawBundle(Payload.utf8(bundle), source);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
