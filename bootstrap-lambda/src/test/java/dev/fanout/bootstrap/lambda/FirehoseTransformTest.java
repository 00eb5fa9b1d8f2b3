package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.adapters.aws.pipes.PipesEventDecoder;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FirehoseTransformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two points of one metric an hour apart: rows in two dt/hour partitions. */
    private static final String TWO_HOURS = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[]},"
            + "\"scopeMetrics\":[{\"scope\":{\"name\":\"s\"},\"metrics\":[{\"name\":\"m\",\"gauge\":{\"dataPoints\":["
            + "{\"timeUnixNano\":\"1763700000000000000\",\"asDouble\":1},"
            + "{\"timeUnixNano\":\"1763703600000000000\",\"asDouble\":2}]}}]}]}]}";
    /** One point without a value: point.no_value, nothing left. */
    private static final String NO_VALUE = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[]},"
            + "\"scopeMetrics\":[{\"scope\":{\"name\":\"s\"},\"metrics\":[{\"name\":\"m\",\"gauge\":{\"dataPoints\":["
            + "{\"timeUnixNano\":\"1763700000000000000\"}]}}]}]}]}";
    private static final String NO_POINTS = "{\"resourceMetrics\":[]}";
    private static final String MALFORMED = "{\"resourceMetrics\":[";

    private final LambdaConfig config = LambdaConfig.of(TestLambda.environment(), HandlerKind.TRANSFORM);
    private final InMemoryLambdaComponent lambda = InMemoryLambdaComponent.of(config);
    private final TestLambda.Lines log = new TestLambda.Lines();

    /** The raw bundles of the sample Pipes event. */
    private static List<byte[]> sampleBundles() {
        List<byte[]> bundles = new ArrayList<>();
        for (BundleEnvelope envelope : new PipesEventDecoder().decode(TestLambda.sampleEvent(),
                PipeTarget.NO_KAFKA_PROVENANCE).orElseThrow()) {
            bundles.add(((BundleEnvelope.RawBundle) envelope).payload().bytes());
        }
        return bundles;
    }

    private static Payload event(List<byte[]> bundles) {
        StringBuilder json = new StringBuilder("{\"invocationId\":\"inv\",\"deliveryStreamArn\":\"arn:aws:firehose:x\","
                + "\"region\":\"eu-west-1\",\"records\":[");
        for (int i = 0; i < bundles.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"recordId\":\"r").append(i)
                    .append("\",\"approximateArrivalTimestamp\":1,\"data\":\"")
                    .append(Base64.getEncoder().encodeToString(bundles.get(i))).append("\"}");
        }
        return Payload.utf8(json.append("]}").toString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode answer(Payload event) throws IOException {
        return JSON.readTree(lambda.transform().handle(event, TestLambda.invocation(Instant.now().plusSeconds(30), log))
                .toBytes());
    }

    @Test
    void handle_answersEveryRecordOnce_inOrder_withTheResultItsBundleCallsFor() throws IOException {
        // given: a bundle with rows, no points, all points rejected, malformed, rows in two hours
        List<byte[]> bundles = List.of(sampleBundles().getFirst(), utf8(NO_POINTS), utf8(NO_VALUE), utf8(MALFORMED),
                utf8(TWO_HOURS));

        // when
        JsonNode records = answer(event(bundles)).get("records");

        // then
        List<String> results = new ArrayList<>();
        records.forEach(r -> results.add(r.get("recordId").asText() + "=" + r.get("result").asText()));
        assertThat(results).containsExactly("r0=Ok", "r1=Dropped", "r2=Dropped", "r3=ProcessingFailed",
                "r4=ProcessingFailed");
        assertThat(log.lines).anyMatch(l -> l.contains("\"recordId\":\"r3\"") && l.contains("bundle.malformed_json"));
        assertThat(log.lines).anyMatch(l -> l.contains("\"recordId\":\"r4\"") && l.contains("rows span 2"));
    }

    @Test
    void handle_answersOk_withTheBundlesRowsNewlineDelimited_andTheirPartitionKeys() throws IOException {
        // given
        byte[] bundle = sampleBundles().getFirst();
        List<EncodedRow> expected = new BundleFanOut(config.fanOut()).fanOut(new BundleEnvelope.RawBundle(
                new Payload(bundle), new Provenance.WholeFile("firehose/r0"))).rows();

        // when
        JsonNode record = answer(event(List.of(bundle))).get("records").get(0);

        // then
        String data = new String(Base64.getDecoder().decode(record.get("data").asText()), StandardCharsets.UTF_8);
        assertThat(data).isEqualTo(expected.stream().map(row -> row.json().asUtf8() + "\n")
                .collect(Collectors.joining()));
        JsonNode keys = record.get("metadata").get("partitionKeys");
        assertThat(keys.get("orgid").asText()).isEqualTo(expected.getFirst().partition().orgSegment());
        assertThat(keys.get("dt").asText()).isEqualTo(expected.getFirst().partition().dt());
        assertThat(keys.get("hour").asText()).isEqualTo(expected.getFirst().partition().hour());
        assertThat(data).contains("\"source\":{\"file\":\"firehose/r0\"}");
    }

    @Test
    void handle_keepsRejectedPointsAsDeadLetters_butNotTheBundlesFirehoseKeepsInItsErrorOutput() throws IOException {
        // given
        List<byte[]> bundles = List.of(utf8(NO_VALUE), utf8(MALFORMED));

        // when
        answer(event(bundles));

        // then
        assertThat(lambda.deadLetters().written()).singleElement()
                .satisfies(letter -> assertThat(letter.reason()).isEqualTo(RejectionReason.POINT_NO_VALUE));
        InvocationStats stats = lambda.metrics().published.getFirst();
        assertThat(stats.bundles()).isEqualTo(2);
        assertThat(stats.deadBundles()).isEqualTo(1);
        assertThat(stats.rejected()).containsEntry(RejectionReason.BUNDLE_MALFORMED_JSON, 1L)
                .containsEntry(RejectionReason.POINT_NO_VALUE, 1L);
    }

    @Test
    void handle_answersProcessingFailed_forRecordsBeyondTheResponseLimit_andWritesNoneOfTheirDeadLetters()
            throws IOException {
        // given: a limit that one sample record's answer fits and two do not
        byte[] bundle = sampleBundles().getFirst();
        long one = lambda.transform().handle(event(List.of(bundle)),
                TestLambda.invocation(Instant.now().plusSeconds(30), log)).size();
        long limit = one * 3 / 2;
        RetryingDeadLetterSink letters = new RetryingDeadLetterSink(lambda.deadLetters(), TestLambda.policy());
        FirehoseTransform small = new FirehoseTransform(new BundleFanOut(config.fanOut()), letters,
                TestLambda.meter(Optional.empty(), letters), new InvocationReport(lambda.metrics()), limit);

        // when
        TransformResponse response = small.handle(event(List.of(bundle, bundle, bundle)),
                TestLambda.invocation(Instant.now().plusSeconds(30), log));

        // then
        assertThat(response.entries()).extracting(TransformResponse.Entry::result).containsExactly(
                TransformResponse.Result.OK, TransformResponse.Result.PROCESSING_FAILED,
                TransformResponse.Result.PROCESSING_FAILED);
        assertThat((long) response.toBytes().length).isLessThanOrEqualTo(limit);
    }

    @Test
    void handle_failsTheInvocation_whenDeadLettersStayUnwritten() {
        // given
        lambda.deadLetters().refuse(letter -> true, "unavailable: S3 down", true);

        // when / then
        assertThatThrownBy(() -> lambda.transform().handle(event(List.of(utf8(NO_VALUE))),
                TestLambda.invocation(Instant.now().plusMillis(300), log)))
                .isInstanceOf(UnwrittenException.class).hasMessageContaining("1 dead letters unwritten");
    }
}
