package dev.fanout.bootstrap.lambda;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.fanout.adapters.aws.fakes.FakeEndpoint;
import dev.fanout.adapters.aws.fakes.FirehoseWire;
import dev.fanout.adapters.aws.fakes.S3Wire;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Firehose, S3 and CloudWatch as three local endpoints, each on its own port (so a test can tell that every
 * client went to its own {@code AWS_ENDPOINT_URL_*}), speaking the adapters' wire fakes. Firehose refuses the
 * first record of its first call, so a retry happens; S3 stores; CloudWatch answers PutMetricData in CBOR.
 * Registered as a JUnit extension ({@code @RegisterExtension static final FakeServices aws = new FakeServices()}),
 * it gives the SDK's default credentials chain fake keys for the class, forgets the calls before each test and
 * stops the endpoints after the class.
 */
final class FakeServices implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    final List<byte[]> firehoseRecords = new CopyOnWriteArrayList<>();
    final List<S3Wire.PutObject> objects = new CopyOnWriteArrayList<>();
    final List<String> cloudWatchCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger firehoseCalls = new AtomicInteger();
    private final WireMockServer firehose;
    private final WireMockServer s3;
    private final WireMockServer cloudWatch;

    FakeServices() {
        firehose = FakeEndpoint.start("firehose", event -> {
            FirehoseWire.PutRecordBatch request = FirehoseWire.PutRecordBatch.parse(event.getRequest().getBody());
            int call = firehoseCalls.incrementAndGet();
            return FirehoseWire.accepted(call, request.records(),
                    call == 1 ? Map.of(0, "ServiceUnavailableException") : Map.of(), firehoseRecords::add);
        });
        s3 = FakeEndpoint.start("s3", event -> {
            objects.add(S3Wire.PutObject.parse(event.getRequest()));
            return S3Wire.stored(objects.size());
        });
        cloudWatch = FakeEndpoint.start("cloudwatch", event -> {
            cloudWatchCalls.add(event.getRequest().getUrl());
            // RPCv2 CBOR (the protocol the SDK's CloudWatch client speaks): an empty map is PutMetricData's whole answer.
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                    .withBody(new byte[] {(byte) 0xA0}).build();
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The SDK's default chain reads these before anything else; the fakes do not check signatures.
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        close();
    }

    /** Forgets every call, so the next test starts from the first Firehose call again. */
    void reset() {
        firehoseRecords.clear();
        objects.clear();
        cloudWatchCalls.clear();
        firehoseCalls.set(0);
    }

    /** The environment that points each client at its fake. */
    Map<String, String> endpoints() {
        return Map.of("AWS_ENDPOINT_URL_FIREHOSE", firehose.baseUrl(), "AWS_ENDPOINT_URL_S3", s3.baseUrl(),
                "AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.baseUrl());
    }

    @Override
    public void close() {
        firehose.stop();
        s3.stop();
        cloudWatch.stop();
    }
}
