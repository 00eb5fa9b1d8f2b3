package dev.fanout.adapters.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.adapters.aws.s3.FakeS3.Fail;
import dev.fanout.adapters.aws.s3.FakeS3.Put;
import dev.fanout.adapters.aws.s3.FakeS3.Reset;
import dev.fanout.adapters.aws.s3.FakeS3.Slow;
import dev.fanout.adapters.aws.s3.FakeS3.Store;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3DeadLetterSinkTest {

    private static final String BUCKET = "fanout-dead-letters";
    private static final String BUNDLE = "0123456789abcdef01234567";

    private FakeS3 s3;
    private S3Client client;

    @BeforeAll
    void startFake() {
        s3 = new FakeS3();
        client = s3.client();
    }

    @AfterAll
    void stopFake() {
        client.close();
        s3.close();
    }

    @BeforeEach
    void emptyAndWilling() {
        s3.clear();
        s3.behave((call, key) -> new Store());
    }

    @Test
    void write_putsOneGzipJsonlObjectPerReason_underThePrefixAndReasonFolder_namedAfterItsFirstLetter() {
        // given: two points of one bundle and one of another bundle with the same reason, and two other reasons
        DeadLetter noTime = point(RejectionReason.POINT_BAD_TIME, kafka(7), BUNDLE, 0);
        DeadLetter noTime2 = point(RejectionReason.POINT_BAD_TIME, kafka(7), BUNDLE, 3);
        DeadLetter noTime3 = point(RejectionReason.POINT_BAD_TIME, kafka(9), "ffffffffffffffffffffffff", 0);
        DeadLetter noName = point(RejectionReason.POINT_NO_METRIC_NAME, kafka(7), BUNDLE, 1);
        DeadLetter envelope = bundle(RejectionReason.BUNDLE_BAD_ENVELOPE, kafka(8), Optional.empty());

        // when
        WriteOutcome<DeadLetter> outcome = sink(S3DeadLetterSink.Settings.of(BUCKET, "/prod/fanout/"))
                .write(List.of(noTime, noName, envelope, noTime2, noTime3), soon());

        // then
        assertThat(outcome.written()).containsExactlyInAnyOrder(noTime, noTime2, noTime3, noName, envelope);
        Map<String, byte[]> objects = s3.objects(BUCKET);
        assertThat(objects.keySet()).hasSize(3).allSatisfy(key -> assertThat(key).matches(
                "prod/fanout/dead-letters/reason=[a-z._]+/kafka_lm.metrics.otlp_p3_o[78]_[0-9a-z]+_[0-9a-f]{16}\\.jsonl\\.gz"));
        String badTimeKey = objects.keySet().stream().filter(k -> k.contains("reason=point.bad_time/")).findFirst().orElseThrow();
        assertThat(badTimeKey).contains("_o7_" + BUNDLE + "_");
        assertThat(gunzip(objects.get(badTimeKey)))
                .isEqualTo(noTime.line().asUtf8() + "\n" + noTime2.line().asUtf8() + "\n" + noTime3.line().asUtf8() + "\n");
        assertThat(objects.keySet()).anySatisfy(key -> assertThat(key)
                .startsWith("prod/fanout/dead-letters/reason=bundle.bad_envelope/kafka_lm.metrics.otlp_p3_o8_nobundle_"));
    }

    @Test
    void write_overwritesTheSameObjects_whenTheSameBatchIsWrittenAgain() {
        // given
        List<DeadLetter> letters = List.of(point(RejectionReason.POINT_INVALID, kafka(1), BUNDLE, 0),
                bundle(RejectionReason.BUNDLE_MALFORMED_JSON, kafka(2), Optional.of("ffffffffffffffffffffffff")));
        S3DeadLetterSink sink = sink(S3DeadLetterSink.Settings.of(BUCKET, "dl"));

        // when
        sink.write(letters, soon());
        Map<String, byte[]> first = s3.objects(BUCKET);
        sink.write(letters, soon());

        // then
        assertThat(s3.puts()).hasSize(4);
        assertThat(s3.objects(BUCKET).keySet()).isEqualTo(first.keySet()).hasSize(2);
    }

    @Test
    void write_neverOverwritesDifferentLetters_ofTheSameBundleAndReason() {
        // given: the same bundle's rejected points with one reason, handed over in two batches
        S3DeadLetterSink sink = sink(S3DeadLetterSink.Settings.of(BUCKET, ""));
        DeadLetter a = point(RejectionReason.POINT_NO_VALUE, kafka(1), BUNDLE, 0);
        DeadLetter b = point(RejectionReason.POINT_NO_VALUE, kafka(1), BUNDLE, 1);

        // when
        sink.write(List.of(a), soon());
        sink.write(List.of(b), soon());

        // then
        assertThat(s3.objects(BUCKET)).hasSize(2).allSatisfy((key, body) ->
                assertThat(key).startsWith("dead-letters/reason=point.no_value/kafka_lm.metrics.otlp_p3_o1_" + BUNDLE));
    }

    @Test
    void write_namesFileSourcesByPathAndLine_keySafely() {
        // given
        DeadLetter line = bundle(RejectionReason.BUNDLE_INVALID, new Provenance.JsonLine("in/día 1/b.jsonl", 42),
                Optional.of(BUNDLE));
        DeadLetter file = bundle(RejectionReason.BUNDLE_TOO_LARGE, new Provenance.WholeFile("x".repeat(300) + ".json"),
                Optional.of(BUNDLE));

        // when
        sink(S3DeadLetterSink.Settings.of(BUCKET, "")).write(List.of(line, file), soon());

        // then
        assertThat(s3.objects(BUCKET).keySet()).anySatisfy(key ->
                assertThat(key).startsWith("dead-letters/reason=bundle.invalid/file_in%2Fd%C3%ADa%201%2Fb.jsonl_l42_" + BUNDLE));
        assertThat(s3.objects(BUCKET).keySet()).anySatisfy(key ->
                assertThat(key).matches("dead-letters/reason=bundle.too_large/file_x{80}~[0-9a-f]{16}_" + BUNDLE + "_[0-9a-f]{16}\\.jsonl\\.gz"));
    }

    @Test
    void write_asksForSseKms_withTheConfiguredKey() {
        // given
        String keyArn = "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        // when
        sink(S3DeadLetterSink.Settings.of(BUCKET, "dl").withKmsKeyId(keyArn))
                .write(List.of(point(RejectionReason.POINT_INVALID, kafka(1), BUNDLE, 0)), soon());

        // then
        Put put = s3.puts().getFirst();
        assertThat(put.headers()).containsEntry("x-amz-server-side-encryption", "aws:kms")
                .containsEntry("x-amz-server-side-encryption-aws-kms-key-id", keyArn);
        assertThat(put.headers()).containsEntry("content-type", "application/gzip");
        // the object is a .gz file, not gzip-encoded content (aws-chunked is upload framing S3 removes)
        assertThat(put.headers().get("content-encoding")).isIn(null, "aws-chunked");
        assertThat(put.headers()).containsKey("x-amz-checksum-crc32");
    }

    @Test
    void write_leavesEncryptionToTheBucket_whenNoKeyIsConfigured() {
        // when
        sink(S3DeadLetterSink.Settings.of(BUCKET, "dl")).write(List.of(point(RejectionReason.POINT_INVALID, kafka(1), BUNDLE, 0)), soon());

        // then
        assertThat(s3.puts().getFirst().headers()).doesNotContainKeys("x-amz-server-side-encryption",
                "x-amz-server-side-encryption-aws-kms-key-id");
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({"503, SlowDown, throttled:", "500, InternalError, unavailable:", "400, RequestTimeout, unavailable:"})
    void write_refusesTheGroupsLettersAsRetryable_whenS3IsBusyOrFails(int status, String code, String prefix) {
        // given: the second object (both bad_time letters, of two bundles) fails
        s3.behave((call, key) -> call == 2 ? new Fail(status, code, "busy") : new Store());
        List<DeadLetter> letters = List.of(point(RejectionReason.POINT_INVALID, kafka(1), BUNDLE, 0),
                point(RejectionReason.POINT_BAD_TIME, kafka(1), BUNDLE, 1),
                point(RejectionReason.POINT_BAD_TIME, kafka(2), "ffffffffffffffffffffffff", 2));

        // when
        WriteOutcome<DeadLetter> outcome = sink(S3DeadLetterSink.Settings.of(BUCKET, "dl")).write(letters, soon());

        // then
        assertThat(outcome.written()).containsExactly(letters.get(0));
        assertThat(outcome.refused()).extracting(Refusal::item).containsExactly(letters.get(1), letters.get(2));
        assertThat(outcome.refused()).allSatisfy(refusal -> {
            assertThat(refusal.retryable()).isTrue();
            assertThat(refusal.reason()).startsWith(prefix).contains(code);
        });
    }

    @Test
    void write_refusesAsTimeoutButNotAmbiguous_whenS3AnswersTooSlowly() {
        // given: a PUT overwrites the same key, so resending it cannot duplicate anything
        s3.behave((call, key) -> new Slow(Duration.ofMillis(1500)));
        S3DeadLetterSink sink = sink(S3DeadLetterSink.Settings.of(BUCKET, "dl").withCallTimeout(Duration.ofMillis(300)));

        // when
        long start = System.nanoTime();
        WriteOutcome<DeadLetter> outcome = sink.write(List.of(point(RejectionReason.POINT_INVALID, kafka(1), BUNDLE, 0)), soon());

        // then
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
        assertThat(outcome.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(refusal.reason()).startsWith("timed out:");
        });
    }

    @Test
    void write_refusesAsRetryable_whenTheConnectionIsReset() {
        // given
        s3.behave((call, key) -> new Reset());

        // when
        WriteOutcome<DeadLetter> outcome = sink(S3DeadLetterSink.Settings.of(BUCKET, "dl"))
                .write(List.of(point(RejectionReason.POINT_INVALID, kafka(1), BUNDLE, 0)), soon());

        // then
        assertThat(outcome.refused()).singleElement().satisfies(refusal -> assertThat(refusal.kind()).isEqualTo(Kind.RETRYABLE));
    }

    @Test
    void write_sendsNothing_whenTheDeadlineHasPassed() {
        // when
        WriteOutcome<DeadLetter> outcome = sink(S3DeadLetterSink.Settings.of(BUCKET, "dl"))
                .write(List.of(point(RejectionReason.POINT_INVALID, kafka(1), BUNDLE, 0)), Instant.now().minusMillis(1));

        // then
        assertThat(s3.puts()).isEmpty();
        assertThat(outcome.refused()).singleElement().satisfies(refusal -> assertThat(refusal.kind()).isEqualTo(Kind.NOT_SENT));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({
            "404, NoSuchBucket, 'does not exist'",
            "403, AccessDenied, 's3:PutObject'",
            "301, PermanentRedirect, 'not in region eu-central-1'",
            "400, KMS.NotFoundException, 'KMS key'"
    })
    void write_throwsAnActionablePortException_forErrorsThatResendingCannotFix(int status, String code, String hint) {
        // given
        s3.behave((call, key) -> new Fail(status, code, "no luck"));

        // when / then
        assertThatThrownBy(() -> sink(S3DeadLetterSink.Settings.of(BUCKET, "dl"))
                .write(List.of(point(RejectionReason.POINT_INVALID, kafka(1), BUNDLE, 0)), soon()))
                .isInstanceOf(PortException.class)
                .hasMessageContaining(hint)
                .hasMessageContaining(BUCKET);
    }

    @Test
    void settings_normaliseThePrefix_andRejectBadBucketsAndKeys() {
        // when / then
        assertThat(S3DeadLetterSink.Settings.of(BUCKET, "/a/b/").prefix()).isEqualTo("a/b");
        assertThatThrownBy(() -> S3DeadLetterSink.Settings.of("Bad_Bucket", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3DeadLetterSink.Settings.of(BUCKET, "a//b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3DeadLetterSink.Settings.of(BUCKET, "").withKmsKeyId(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- helpers

    private S3DeadLetterSink sink(S3DeadLetterSink.Settings settings) {
        return new S3DeadLetterSink(client, settings, Clock.systemUTC());
    }

    private static Instant soon() {
        return Instant.now().plusSeconds(30);
    }

    static Provenance kafka(long offset) {
        return new Provenance.KafkaRecord("lm.metrics.otlp", 3, offset);
    }

    static DeadLetter point(RejectionReason reason, Provenance source, String bundleId, int ordinal) {
        String rowId = bundleId + String.format("%08x", ordinal);
        return new DeadLetter(reason, source, Optional.of(bundleId), Optional.of(rowId), Payload.utf8(
                "{\"schemaVersion\":1,\"kind\":\"point\",\"reason\":\"" + reason.code() + "\",\"rowId\":\"" + rowId + "\"}"));
    }

    static DeadLetter bundle(RejectionReason reason, Provenance source, Optional<String> bundleId) {
        return new DeadLetter(reason, source, bundleId, Optional.empty(), Payload.utf8(
                "{\"schemaVersion\":1,\"kind\":\"bundle\",\"reason\":\"" + reason.code() + "\",\"payloadBase64\":\"e30=\"}"));
    }

    static String gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
