package dev.fanout.adapters.aws.failure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.adapters.aws.firehose.FirehoseRowSink;
import dev.fanout.adapters.aws.s3.S3DeadLetterSink;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.FirehoseServiceClientConfiguration;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The JDK's HttpURLConnection, under the SDK's url-connection client, can throw an exception the SDK does not
 * wrap when a connection is reset while the request is written (seen in the fault tests: a NullPointerException
 * from {@code HttpURLConnection.getOutputStream}). Both sinks must turn it into a refusal of unknown outcome,
 * never let it escape and end a run. The clients here throw exactly that, as no HTTP fake can on demand.
 */
class UnwrappedClientFailureTest {

    private static final NullPointerException RESET_WHILE_WRITING = new NullPointerException(
            "Cannot invoke \"sun.net.www.http.HttpClient.getOutputStream()\" because \"this.http\" is null");

    @Test
    void firehoseSink_refusesEveryRowAsPossiblyWritten_whenTheHttpClientThrowsAnUnwrappedException() {
        // given
        FirehoseClient client = new FirehoseClient() {
            @Override
            public PutRecordBatchResponse putRecordBatch(PutRecordBatchRequest request) {
                throw RESET_WHILE_WRITING;
            }

            @Override
            public FirehoseServiceClientConfiguration serviceClientConfiguration() {
                return FirehoseServiceClientConfiguration.builder().region(Region.EU_WEST_1).build();
            }

            @Override
            public String serviceName() {
                return "firehose";
            }

            @Override
            public void close() {
            }
        };
        FirehoseRowSink sink = new FirehoseRowSink(client, FirehoseRowSink.Settings.packed("fanout-rows"),
                Clock.systemUTC());

        // when
        WriteOutcome<EncodedRow> outcome = sink.write(List.of(SinkUnderTest.row(1), SinkUnderTest.row(2)), Instant.now().plusSeconds(30));

        // then
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.refused()).hasSize(2).allSatisfy(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Kind.POSSIBLY_WRITTEN);
            assertThat(refusal.reason()).startsWith("connection lost: Firehose PutRecordBatch")
                    .contains("NullPointerException");
        });
    }

    @Test
    void s3Sink_refusesEveryLetterAsRetryable_whenTheHttpClientThrowsAnUnwrappedException() {
        // given
        S3Client client = new S3Client() {
            @Override
            public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
                throw RESET_WHILE_WRITING;
            }

            @Override
            public S3ServiceClientConfiguration serviceClientConfiguration() {
                return S3ServiceClientConfiguration.builder().region(Region.EU_WEST_1).build();
            }

            @Override
            public String serviceName() {
                return "s3";
            }

            @Override
            public void close() {
            }
        };
        S3DeadLetterSink sink = new S3DeadLetterSink(client, S3DeadLetterSink.Settings.of("fanout-dead-letters", ""),
                Clock.systemUTC());

        // when
        WriteOutcome<DeadLetter> outcome = sink.write(List.of(SinkUnderTest.letter(1), SinkUnderTest.letter(2)), Instant.now().plusSeconds(30));

        // then: a PutObject to a key derived from the content overwrites, so resending cannot duplicate
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.refused()).isNotEmpty().allSatisfy(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(refusal.reason()).startsWith("connection lost: S3 PutObject").contains("NullPointerException");
        });
    }
}
