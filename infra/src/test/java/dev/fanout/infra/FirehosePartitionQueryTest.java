package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The synthesized stream's MetadataExtractionQuery, run by the real jq 1.6 (Firehose's JQ-1.6) over rows the
 * product itself made, and its Prefix filled in with jq's keys, names for every row exactly the folder the
 * local file sink put it in. The rows come from {@code fanout replay} (the real command line, run as a
 * process from this test's class path) over the conformance corpus and the generated LMDP samples.
 */
class FirehosePartitionQueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("!\\{partitionKeyFromQuery:([a-z]+)\\}");
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path OUT = Path.of("target", "partition-query").toAbsolutePath();

    private static String query;
    private static String prefix;

    @BeforeAll
    static void readTheQueryAndPrefixFromTheSynthesizedTemplate() {
        SynthesizedApp app = SynthesizedApp.standard();
        Template template = app.template(app.deployment.pipeline());
        Capture capturedQuery = new Capture();
        Capture capturedPrefix = new Capture();
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "Prefix", capturedPrefix,
                        "ProcessingConfiguration", Map.of("Enabled", true, "Processors", Match.arrayWith(List.of(
                                Map.of("Type", "MetadataExtraction", "Parameters", List.of(
                                        Map.of("ParameterName", "JsonParsingEngine", "ParameterValue", "JQ-1.6"),
                                        Map.of("ParameterName", "MetadataExtractionQuery",
                                                "ParameterValue", capturedQuery))))))))));
        query = capturedQuery.asString();
        prefix = capturedPrefix.asString();
    }

    @Test
    void theJqOnThisMachine_isVersion1point6_asFirehoseRuns() throws Exception {
        // when
        Process version = new ProcessBuilder("jq", "--version").redirectErrorStream(true).start();

        // then
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo("jq-1.6");
    }

    @Test
    void everyConformanceRow_liesInTheFolderTheSynthesizedQueryAndPrefixName_withAnOrgIdTooLongOnceEncoded()
            throws Exception {
        // given: an org id whose percent-encoding exceeds 100 characters, so its segment is shortened and hashed
        // (ASCII only: a process argument outside ASCII depends on the machine's locale)
        Path out = replay("conformance", List.of(REPOSITORY.resolve("domain/src/test/resources/conformance/otlp")),
                "--org-id", "Acme Corp/EU" + "/".repeat(30));
        List<Row> rows = rows(out);

        // when
        List<String> folders = foldersByJq(rows);

        // then
        assertThat(rows).hasSizeGreaterThan(50).allSatisfy(row -> {
            assertThat(row.json()).contains("\"partition\":{\"orgid\":\"Acme%20Corp%2FEU%2F%2F");
            assertThat(row.folder()).matches("rows/orgid=Acme%20Corp%2FEU(%2F)+%?~[0-9a-f]{16}/metric=.*");
        });
        assertEveryRowInItsFolder(rows, folders);
    }

    @Test
    void everyLmdpRow_liesInTheFolderTheSynthesizedQueryAndPrefixName_forPlainAndEncodedSegments()
            throws Exception {
        // given: generated LMDP bundles (plain names and names that need encoding) and a recorded Pipes event
        Path out = replay("lmdp", List.of(REPOSITORY.resolve("samples"),
                REPOSITORY.resolve("domain/src/test/resources/conformance/lmdp")), "--org-key", "tenant");
        List<Row> rows = rows(out);

        // when
        List<String> folders = foldersByJq(rows);

        // then: rows with raw segments and with encoded ones were both checked
        assertThat(rows.size()).isGreaterThan(1000);
        assertThat(rows.stream().filter(row -> !row.json().contains("\"partition\"")).count()).isPositive();
        assertThat(rows.stream().filter(row -> row.folder().contains("%")).count()).isPositive();
        assertEveryRowInItsFolder(rows, folders);
    }

    private static void assertEveryRowInItsFolder(List<Row> rows, List<String> folders) {
        assertThat(folders).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(folders.get(i)).as(rows.get(i).json()).isEqualTo(rows.get(i).folder() + "/");
        }
    }

    /** One row as the local sink wrote it, with its folder relative to the output root. */
    private record Row(String folder, String json) {
    }

    /** Runs {@code fanout replay INPUTS --out DIR OPTIONS} as its own process, with no AWS settings at all. */
    private static Path replay(String name, List<Path> inputs, String... options) throws Exception {
        Path out = OUT.resolve(name);
        deleteRecursively(out);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dfanout.progress=never",
                "-cp", System.getProperty("java.class.path"), "dev.fanout.bootstrap.cli.FanoutCommand", "replay"));
        inputs.forEach(input -> command.add(input.toString()));
        command.addAll(List.of("--out", out.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("AWS_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return out;
    }

    private static List<Row> rows(Path out) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<Path> objects;
        try (Stream<Path> walk = Files.walk(out.resolve("rows"))) {
            objects = walk.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList();
        }
        for (Path object : objects) {
            String folder = out.relativize(object.getParent()).toString().replace('\\', '/');
            try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) {
                        rows.add(new Row(folder, line));
                    }
                }
            }
        }
        return rows;
    }

    /** The prefix with jq's keys for each row, in row order. */
    private static List<String> foldersByJq(List<Row> rows) throws Exception {
        Process jq = new ProcessBuilder("jq", "-c", query).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (OutputStream in = jq.getOutputStream()) {
            for (Row row : rows) {
                in.write((row.json() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(jq.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jq.exitValue()).isZero();
        List<String> folders = new ArrayList<>();
        for (String line : output.join().lines().toList()) {
            JsonNode keys = JSON.readTree(line);
            Matcher m = KEY.matcher(prefix);
            StringBuilder folder = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(folder, Matcher.quoteReplacement(keys.get(m.group(1)).asText()));
            }
            m.appendTail(folder);
            folders.add(folder.toString());
        }
        return folders;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
