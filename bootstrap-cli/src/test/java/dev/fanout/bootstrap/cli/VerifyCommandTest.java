package dev.fanout.bootstrap.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** {@code fanout verify} on a replay's tree, on tampered copies of it, and on the same tree served as S3. */
class VerifyCommandTest {

    private static final CliEnvironment AWS = new CliEnvironment(Optional.of("eu-west-1"), ProgressMode.NEVER,
            () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), true);
    private static final Pattern ROWS = Pattern.compile("points\\s+[0-9,]+ = ([0-9,]+) rows \\+ ([0-9,]+) rejected");

    private static Path tree;
    private static long rows;
    private static long rejected;

    @TempDir
    Path temp;

    @BeforeAll
    static void replayTheSamples(@TempDir Path out) {
        CommandRunner.Result replay = CommandRunner.run("replay", ReplayCommandTest.SAMPLES.toString(), "--out",
                out.toString(), "--org-key", "tenant");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        Matcher m = ROWS.matcher(replay.out());
        assertThat(m.find()).isTrue();
        rows = Long.parseLong(m.group(1).replace(",", ""));
        rejected = Long.parseLong(m.group(2).replace(",", ""));
        tree = out;
    }

    @Test
    void verify_findsAReplaysTreeConsistent_andCountsWhatTheReplayWrote() {
        // when
        CommandRunner.Result result = CommandRunner.run("verify", "--dir", tree.toString());

        // then
        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains(String.format("rows        %,d in", rows), "consistent",
                "rows/orgid=", "point.no_value", "bundle.");
        // One dead letter per rejected point plus one per dead bundle (the samples have exactly one).
        assertThat(result.out()).contains(String.format("dead        %,d dead letters", rejected + 1));
    }

    @Test
    void verify_reportsMisplacedRows_truncatedGzip_badLines_andUnknownReasons_withTheirPaths() throws IOException {
        // given
        Path copy = copy(tree, temp.resolve("copy"));
        List<Path> rowObjects = objects(copy.resolve("rows"));
        Path moved = rowObjects.get(0);
        Path elsewhere = copy.resolve("rows/orgid=elsewhere/metric=m/dt=2020-01-01/hour=00/" + moved.getFileName());
        Files.createDirectories(elsewhere.getParent());
        Files.move(moved, elsewhere);
        Path truncated = rowObjects.get(1);
        byte[] whole = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        Path badLine = rowObjects.get(2);
        Files.write(badLine, gzip("{\"schemaVersion\":1}\nnot json\n"));
        Path unknownReason = copy.resolve("dead-letters/reason=bundle.unheard_of/part-x.jsonl.gz");
        Files.createDirectories(unknownReason.getParent());
        Files.write(unknownReason, gzip("{}\n"));

        // when
        CommandRunner.Result result = CommandRunner.run("verify", "--dir", copy.toString());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("PROBLEMS    4:")
                .contains(elsewhere + " line 1: belongs in rows/orgid=")
                .contains(truncated + ": not a complete gzip object")
                .contains(badLine + " line 1: rowId is not 32 lowercase hex characters (and 1 more bad lines of 2)")
                .contains(unknownReason + ": reason=bundle.unheard_of is not a spec §6 reason");
    }

    @Test
    void verify_readsATreeInS3_throughListObjectsV2PagesAndGetObject() {
        // given
        WireMockServer s3 = new WireMockServer(options().dynamicPort().extensions(new FakeBucket(tree, "fanout-data",
                "prod/")));
        s3.start();
        s3.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        try {
            // when
            CommandRunner.Result fromS3 = CommandRunner.runIn(AWS, "verify", "--bucket", "fanout-data", "--prefix",
                    "prod", "--endpoint-url", s3.baseUrl());
            CommandRunner.Result wrongBucket = CommandRunner.runIn(AWS, "verify", "--bucket", "other-bucket",
                    "--endpoint-url", s3.baseUrl());

            // then
            assertThat(fromS3.exitCode()).as(fromS3.out() + fromS3.err()).isZero();
            assertThat(fromS3.out()).isEqualTo(CommandRunner.run("verify", "--dir", tree.toString()).out());
            assertThat(wrongBucket.exitCode()).isEqualTo(1);
            assertThat(wrongBucket.err().strip()).doesNotContain("\n").startsWith("fanout: error: cannot list s3://other-bucket/");
        } finally {
            s3.stop();
        }
    }

    @Test
    void verify_refusesToGuessTheTree_withOneUsageLine() {
        // when
        CommandRunner.Result none = CommandRunner.run("verify");

        // then
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("fanout verify: name the tree: --dir DIR or --bucket BUCKET (one of"
                + " them) (see fanout verify --help)");
    }

    /** S3's ListObjectsV2 (two keys a page) and GetObject over a local tree, path-style. */
    private static final class FakeBucket implements ResponseDefinitionTransformerV2 {
        private static final int PAGE = 2;
        private final TreeMap<String, Path> objects = new TreeMap<>();
        private final String bucket;

        FakeBucket(Path root, String bucket, String prefix) {
            this.bucket = bucket;
            for (Path file : VerifyCommandTest.objects(root)) {
                objects.put(prefix + root.relativize(file).toString().replace('\\', '/'), file);
            }
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            URI uri = URI.create(event.getRequest().getUrl());
            String path = uri.getPath();
            if (!path.startsWith("/" + bucket)) {
                return xml(404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist"
                        + "</Message></Error>");
            }
            String query = Optional.ofNullable(uri.getQuery()).orElse("");
            if (query.contains("list-type=2")) {
                return list(query);
            }
            Path file = objects.get(path.substring(bucket.length() + 2));
            if (file == null) {
                return xml(404, "<Error><Code>NoSuchKey</Code><Message>no</Message></Error>");
            }
            try {
                return aResponse().withStatus(200).withBody(Files.readAllBytes(file)).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private ResponseDefinition list(String query) {
            String prefix = parameter(query, "prefix");
            int start = Integer.parseInt(Optional.ofNullable(parameter(query, "continuation-token")).orElse("0"));
            List<String> keys = objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
            int end = Math.min(keys.size(), start + PAGE);
            StringBuilder body = new StringBuilder("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<Name>" + bucket + "</Name><Prefix>" + prefix + "</Prefix><KeyCount>" + (end - start)
                    + "</KeyCount><MaxKeys>" + PAGE + "</MaxKeys><IsTruncated>" + (end < keys.size())
                    + "</IsTruncated>");
            if (end < keys.size()) {
                body.append("<NextContinuationToken>").append(end).append("</NextContinuationToken>");
            }
            for (String key : keys.subList(start, end)) {
                body.append("<Contents><Key>").append(key).append("</Key><Size>")
                        .append(objects.get(key).toFile().length()).append("</Size></Contents>");
            }
            return xml(200, body.append("</ListBucketResult>").toString());
        }

        private static String parameter(String query, String name) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
            return name.equals("prefix") ? "" : null;
        }

        private static ResponseDefinition xml(int status, String body) {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/xml").withBody(body).build();
        }

        @Override
        public String getName() {
            return "fake-bucket";
        }
    }

    static List<Path> objects(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        for (Path file : objects(from)) {
            Path target = to.resolve(from.relativize(file));
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
        return to;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
