package dev.fanout.adapters.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.s3.S3Client;

class AwsClientsTest {

    private static final String OK = "{\"FailedPutCount\":0,\"Encrypted\":false,\"RequestResponses\":[{\"RecordId\":\"r\"}]}";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());
    private final AwsClients.Settings settings = AwsClients.Settings.of(Region.AP_SOUTHEAST_2,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));

    @BeforeEach
    void start() {
        server.start();
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("Firehose_20150804.PutRecordBatch"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(OK)));
        server.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void firehose_callsTheExplicitEndpoint_signedForTheRegion_overUrlConnection() {
        // given
        try (FirehoseClient client = AwsClients.firehose(settings.withEndpoint(URI.create(server.baseUrl())))) {
            // when
            client.putRecordBatch(r -> r.deliveryStreamName("s").records(b -> b.data(bytes("{}\n"))));
        }

        // then
        LoggedRequest request = only(server.findAll(anyRequestedFor(anyUrl())));
        assertThat(request.getHeader("Authorization")).contains("/ap-southeast-2/firehose/aws4_request");
        assertThat(request.getHeader("User-Agent")).contains("md/http#UrlConnection");
        assertThat(request.getHeader("amz-sdk-request")).isEqualTo("attempt=1; max=1");
    }

    @Test
    void firehose_followsTheStandardServiceEndpointSetting_whenNoEndpointIsGiven() {
        // given: aws.endpointUrlFirehose is the system-property twin of AWS_ENDPOINT_URL_FIREHOSE
        String previous = System.setProperty("aws.endpointUrlFirehose", server.baseUrl());
        try (FirehoseClient client = AwsClients.firehose(settings)) {
            // when
            client.putRecordBatch(r -> r.deliveryStreamName("s").records(b -> b.data(bytes("{}\n"))));
        } finally {
            restore("aws.endpointUrlFirehose", previous);
        }

        // then
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void s3_followsTheStandardGlobalEndpointSetting_withPathStyleAddressing() {
        // given: aws.endpointUrl is the system-property twin of AWS_ENDPOINT_URL
        String previous = System.setProperty("aws.endpointUrl", server.baseUrl());
        try (S3Client client = AwsClients.s3(settings.withS3PathStyle(true))) {
            // when
            client.putObject(r -> r.bucket("some-bucket").key("a/b.jsonl.gz"), RequestBody.fromString("x"));
        } finally {
            restore("aws.endpointUrl", previous);
        }

        // then
        LoggedRequest request = only(server.findAll(anyRequestedFor(anyUrl())));
        assertThat(request.getUrl()).isEqualTo("/some-bucket/a/b.jsonl.gz");
        assertThat(request.getHeader("Authorization")).contains("/ap-southeast-2/s3/aws4_request");
    }

    @Test
    void firehose_makesOneAttempt_evenForErrorsTheSdkWouldRetry() {
        // given
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ServiceUnavailableException\",\"message\":\"slow down\"}")));

        // when
        try (FirehoseClient client = AwsClients.firehose(settings.withEndpoint(URI.create(server.baseUrl())))) {
            assertThatThrownBy(() -> client.putRecordBatch(r -> r.deliveryStreamName("s").records(b -> b.data(bytes("{}")))))
                    .isInstanceOf(FirehoseException.class);
        }

        // then
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"software.amazon.awssdk.http.apache.ApacheHttpClient",
            "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"})
    void theClasspath_holdsNeitherTheApacheNorTheNettyClient(String className) {
        // when / then
        assertThatThrownBy(() -> Class.forName(className)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void settings_rejectNonPositiveTimeoutsAndRelativeEndpoints() {
        // when / then
        assertThatThrownBy(() -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withEndpoint(URI.create("localhost:4566")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SdkBytes bytes(String text) {
        return SdkBytes.fromUtf8String(text);
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
