package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.adapters.aws.fakes.Reply.Accept;
import dev.fanout.adapters.aws.fakes.Reply.Fail;
import dev.fanout.adapters.aws.fakes.Reply.Reset;
import dev.fanout.adapters.aws.fakes.Reply.Slow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code fanout replay --firehose} end to end: the bundled samples through the real SDK clients to a fake
 * Firehose and a fake S3 on localhost, checked against what a file replay of the same samples writes.
 */
class FirehoseReplayTest {

    private static final String STREAM = "rows-backfill";
    private static final String BUCKET = "fanout-dead-letters";
    private static final Pattern FIREHOSE = Pattern.compile("firehose\\s+([0-9,]+) rows to stream '([^']+)'");
    private static final Pattern DUPLICATES = Pattern.compile("duplicates\\s+([0-9,]+) rows possibly stored twice");
    private static final Pattern ROWS = Pattern.compile("points\\s+[0-9,]+ = ([0-9,]+) rows");
    private static final Pattern UNWRITTEN = Pattern.compile("UNWRITTEN\\s+([0-9,]+) rows, ([0-9,]+) dead letters");

    /** Credentials and a region as the environment would give them; nothing is read from this process. */
    private static final CliEnvironment AWS = new CliEnvironment(Optional.of("eu-west-1"), ProgressMode.NEVER,
            () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), true);

    /** The rows and dead letters a file replay of the samples writes: what must reach AWS, exactly once. */
    private static List<String> expectedRows;
    private static List<String> expectedDeadLetters;

    private final FakeAws fake = new FakeAws();

    @TempDir
    Path temp;

    @BeforeAll
    static void replayTheSamplesToFiles(@TempDir Path out) {
        CommandRunner.Result files = CommandRunner.run("replay", ReplayCommandTest.SAMPLES.toString(),
                "--out", out.toString(), "--org-key", "tenant");
        assertThat(files.exitCode()).as(files.err()).isZero();
        expectedRows = sorted(rawLines(out, "rows"));
        expectedDeadLetters = sorted(rawLines(out, "dead-letters"));
        assertThat(expectedRows).isNotEmpty();
        assertThat(expectedDeadLetters).isNotEmpty();
    }

    @AfterEach
    void stopTheFake() {
        fake.close();
    }

    @Test
    void replay_writesEveryRowExactlyOnceThroughFirehose_andTheDeadLettersToS3_forTheBundledSamples() {
        // when: no --region, so AWS_REGION of the environment applies
        CommandRunner.Result result = CommandRunner.runIn(AWS, backfill("--dead-letters",
                "s3://" + BUCKET + "/backfill/2025-11", "--sse-kms-key-id", "alias/fanout-dead-letters"));

        // then: every row in exactly one record of one PutRecordBatch call to the stream
        assertThat(result.exitCode()).as(result.err() + result.out()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(sorted(fake.storedRows())).isEqualTo(expectedRows);
        assertThat(fake.calls()).allSatisfy(call -> {
            assertThat(call.streamName()).isEqualTo(STREAM);
            assertThat(call.authorization()).contains("/eu-west-1/firehose/aws4_request");
            assertThat(call.reply()).isEqualTo(Accept.all());
        });
        assertThat(number(FIREHOSE, result.out())).isEqualTo(expectedRows.size());
        assertThat(number(DUPLICATES, result.out())).isZero();
        // and every dead letter in an object under dead-letters/reason=<its reason>/, encrypted with the key
        Map<String, String> objects = fake.objects(BUCKET);
        assertThat(objects).isNotEmpty().allSatisfy((key, text) -> {
            String reason = key.replaceFirst("^backfill/2025-11/dead-letters/reason=([^/]+)/[^/]+\\.jsonl\\.gz$", "$1");
            assertThat(reason).as(key).doesNotContain("/");
            assertThat(text.lines()).allSatisfy(line ->
                    assertThat(OutputTree.parse(line).path("reason").asText()).isEqualTo(reason));
        });
        assertThat(sorted(objects.values().stream().flatMap(String::lines).toList())).isEqualTo(expectedDeadLetters);
        assertThat(fake.puts()).allSatisfy(put -> {
            assertThat(put.headers()).containsEntry("x-amz-server-side-encryption", "aws:kms")
                    .containsEntry("x-amz-server-side-encryption-aws-kms-key-id", "alias/fanout-dead-letters");
            assertThat(put.headers().get("authorization")).contains("/eu-west-1/s3/aws4_request");
        });
        assertThat(result.out()).contains("dead-letters under s3://" + BUCKET + "/backfill/2025-11/dead-letters/");
        System.out.printf("sample backfill: %d rows in %d records, %d PutRecordBatch calls; %d dead letters in %d"
                        + " PutObject calls%n", fake.storedRows().size(),
                fake.calls().stream().mapToInt(call -> call.records().size()).sum(), fake.calls().size(),
                expectedDeadLetters.size(), fake.puts().size());
    }

    @Test
    void replay_writesEveryRowOnceOrCountsItAsAPossibleDuplicate_whenFirehoseThrottlesRefusesResetsAndTimesOut() {
        // given: one row per record, so each attempt takes several calls of at most 500 records: a throttled
        // call, a reset connection, refused records, a call slower than --call-timeout (Firehose stores its
        // records although the client gave up), then calm; S3 slows down once
        fake.firehose((call, records) -> switch (call) {
            case 1 -> new Fail(503, "ServiceUnavailableException", "Slow down.");
            case 2 -> new Reset();
            case 3 -> new Accept(IntStream.range(0, records).filter(i -> i % 3 == 0).boxed()
                    .collect(Collectors.toMap(Function.identity(), i -> "ServiceUnavailableException")));
            case 4 -> new Slow(Duration.ofMillis(1_500));
            default -> Accept.all();
        }).s3((call, records) -> call == 1 ? new Fail(503, "SlowDown", "Reduce your request rate.") : Accept.all());

        // when
        CommandRunner.Result result = CommandRunner.runIn(AWS, backfill("--dead-letters", "s3://" + BUCKET,
                "--call-timeout", "1s", "--rows-per-record", "1"));

        // then: nothing is lost, and every row stored twice is among those the summary counts as possible duplicates
        assertThat(result.exitCode()).as(result.err() + result.out()).isZero();
        Map<String, Long> timesStored = fake.storedRows().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(sorted(new ArrayList<>(timesStored.keySet()))).isEqualTo(expectedRows);
        long storedTwice = timesStored.values().stream().filter(times -> times > 1).count();
        assertThat(timesStored.values()).allSatisfy(times -> assertThat(times).isBetween(1L, 2L));
        assertThat(storedTwice).isPositive();
        assertThat(number(DUPLICATES, result.out())).isGreaterThanOrEqualTo(storedTwice);
        assertThat(fake.calls()).hasSizeGreaterThan(expectedRows.size() / 500 + 4)
                .allSatisfy(call -> assertThat(call.records()).hasSizeLessThanOrEqualTo(500)
                        .allSatisfy(record -> assertThat(new String(record, StandardCharsets.UTF_8)).containsOnlyOnce("\n")));
        System.out.printf("faulty backfill: %d PutRecordBatch calls, %d rows stored twice, %d counted as possible"
                + " duplicates%n", fake.calls().size(), storedTwice, number(DUPLICATES, result.out()));
        assertThat(sorted(fake.objects(BUCKET).values().stream().flatMap(String::lines).toList()))
                .isEqualTo(expectedDeadLetters);
    }

    @Test
    void replay_failsWithOneLineNamingTheStream_whenFirehoseSaysItDoesNotExist() {
        // given
        fake.firehose((call, records) -> new Fail(400, "ResourceNotFoundException",
                "Firehose rows-missing under account 123456789012 not found."));

        // when
        CommandRunner.Result result = CommandRunner.runIn(AWS, "replay", ReplayCommandTest.SAMPLES.toString(),
                "--firehose", "rows-missing", "--dead-letters", "s3://" + BUCKET, "--endpoint-url", fake.endpoint());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("fanout: error:")
                .contains("'rows-missing'").contains("does not exist");
        assertThat(fake.calls()).hasSize(1);
        assertThat(fake.puts()).isEmpty();
    }

    @Test
    void replay_exitsOneAndCountsEveryUnwrittenRow_whenFirehoseRefusesEveryRecordUntilTheWriteTimeout() {
        // given
        fake.firehose((call, records) -> new Accept(IntStream.range(0, records).boxed()
                .collect(Collectors.toMap(Function.identity(), i -> "ServiceUnavailableException"))));

        // when: a budget long enough for the first, cold call to come back refused on a busy machine (at 300 ms
        // it could time out first, and then the first reason is the timeout, not the refusal)
        CommandRunner.Result result = CommandRunner.runIn(AWS, backfill("--dead-letters", "s3://" + BUCKET,
                "--write-timeout", "1s"));

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        Matcher unwritten = UNWRITTEN.matcher(result.out());
        assertThat(unwritten.find()).as(result.out()).isTrue();
        assertThat(number(unwritten.group(1))).isEqualTo(number(ROWS, result.out())).isEqualTo(expectedRows.size());
        assertThat(number(unwritten.group(2))).isZero();
        assertThat(number(FIREHOSE, result.out())).isZero();
        assertThat(result.out()).contains("STOPPED     after the first batch that stayed unwritten");
        assertThat(result.err().strip()).doesNotContain("\n")
                .startsWith(String.format("fanout: error: %,d rows and 0 dead letters could not be written",
                        expectedRows.size()))
                .contains("'" + STREAM + "'").contains("ServiceUnavailableException");
        assertThat(fake.storedRows()).isEmpty();
        assertThat(fake.calls()).hasSizeGreaterThan(1);
    }

    @Test
    void replay_keepsDeadLettersInALocalDirectory_andUsesTheRegionOption_overTheEnvironment() {
        // given
        Path local = temp.resolve("local");

        // when
        CommandRunner.Result result = CommandRunner.runIn(AWS, backfill("--dead-letters", local.toString(),
                "--region", "us-east-2"));

        // then
        assertThat(result.exitCode()).as(result.err() + result.out()).isZero();
        assertThat(sorted(fake.storedRows())).isEqualTo(expectedRows);
        assertThat(fake.calls()).allSatisfy(call ->
                assertThat(call.authorization()).contains("/us-east-2/firehose/aws4_request"));
        assertThat(OutputTree.lines(local, "dead-letters")).allSatisfy(letter -> assertThat(letter.folder())
                .isEqualTo("dead-letters/reason=" + letter.json().path("reason").asText()));
        assertThat(sorted(rawLines(local, "dead-letters"))).isEqualTo(expectedDeadLetters);
        assertThat(local.resolve("rows")).doesNotExist();
        assertThat(fake.puts()).isEmpty();
    }

    @Test
    void replay_rejectsFirehoseArgumentsThatCannotWork_withExitCodeTwo_beforeAnyCall() {
        // given
        CliEnvironment noRegion = new CliEnvironment(Optional.empty(), ProgressMode.NEVER, AWS.credentials(), true);

        // when
        Map<String, CommandRunner.Result> results = new HashMap<>();
        results.put("--dead-letters", CommandRunner.runIn(AWS, backfill()));
        results.put("--out", CommandRunner.runIn(AWS, backfill("--dead-letters", "s3://" + BUCKET,
                "--out", temp.resolve("o").toString())));
        results.put("AWS_REGION", CommandRunner.runIn(noRegion, backfill("--dead-letters", "s3://" + BUCKET)));
        results.put("--sse-kms-key-id", CommandRunner.runIn(AWS, backfill("--dead-letters",
                temp.resolve("d").toString(), "--sse-kms-key-id", "alias/k")));
        results.put("http://", CommandRunner.runIn(AWS, backfill("--dead-letters", "http://example.com/dl")));
        results.put("Bad_Bucket", CommandRunner.runIn(AWS, backfill("--dead-letters", "s3://Bad_Bucket/x")));
        results.put("stream name", CommandRunner.runIn(AWS, "replay", ReplayCommandTest.SAMPLES.toString(),
                "--firehose", "no spaces allowed", "--dead-letters", "s3://" + BUCKET));
        results.put("--firehose", CommandRunner.runIn(AWS, "replay", ReplayCommandTest.SAMPLES.toString(),
                "--region", "eu-west-1", "--out", temp.resolve("o").toString()));
        results.put("positive", CommandRunner.runIn(AWS, backfill("--dead-letters", "s3://" + BUCKET,
                "--write-timeout", "0s")));
        results.put("--rows-per-record", CommandRunner.runIn(AWS, backfill("--dead-letters", "s3://" + BUCKET,
                "--rows-per-record", "501")));

        // then
        assertThat(results).allSatisfy((expected, result) -> {
            assertThat(result.exitCode()).as(expected + ": " + result.err()).isEqualTo(2);
            assertThat(result.err()).contains(expected);
        });
        assertThat(results.get("AWS_REGION").err()).contains("--region");
        assertThat(fake.calls()).isEmpty();
        assertThat(fake.puts()).isEmpty();
        assertThat(temp.resolve("o")).doesNotExist();
        assertThat(temp.resolve("d")).doesNotExist();
    }

    private String[] backfill(String... more) {
        return Stream.concat(Stream.of("replay", ReplayCommandTest.SAMPLES.toString(), "--org-key", "tenant",
                "--firehose", STREAM, "--endpoint-url", fake.endpoint()), Stream.of(more)).toArray(String[]::new);
    }

    /** Every line of every object below {@code root/top}, as written. */
    private static List<String> rawLines(Path root, String top) {
        return OutputTree.objects(root.resolve(top)).stream()
                .flatMap(object -> OutputTree.gunzip(object).lines())
                .toList();
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    private static long number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in\n" + text).isTrue();
        return number(m.group(1));
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
