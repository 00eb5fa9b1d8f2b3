package dev.fanout.adapters.aws.failure;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.fakes.FakeEndpoint;
import dev.fanout.adapters.aws.fakes.FirehoseWire;
import dev.fanout.adapters.aws.fakes.FirehoseWire.PutRecordBatch;
import dev.fanout.adapters.aws.fakes.Reply;
import dev.fanout.adapters.aws.fakes.Reply.Accept;
import dev.fanout.adapters.aws.fakes.Reply.Fail;
import dev.fanout.adapters.aws.fakes.Reply.Garbled;
import dev.fanout.adapters.aws.fakes.Reply.Reset;
import dev.fanout.adapters.aws.fakes.Reply.Slow;
import dev.fanout.adapters.aws.fakes.S3Wire;
import dev.fanout.adapters.aws.fakes.S3Wire.PutObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One WireMock endpoint that speaks both Firehose's PutRecordBatch and S3's PutObject, and answers every call
 * with the same {@link Reply}: the same fault, injected into both sinks.
 */
final class FaultyAwsEndpoint implements AutoCloseable {

    static final Region REGION = Region.EU_WEST_1;

    private final WireMockServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Reply reply = Accept.all();

    FaultyAwsEndpoint() {
        server = FakeEndpoint.start(new Answers());
    }

    FaultyAwsEndpoint answer(Reply reply) {
        this.reply = reply;
        return this;
    }

    int calls() {
        return calls.get();
    }

    AwsClients.Settings clientSettings() {
        return clientSettings(URI.create(server.baseUrl()));
    }

    static AwsClients.Settings clientSettings(URI endpoint) {
        return AwsClients.Settings.of(REGION, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .withEndpoint(endpoint)
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Answers implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "faulty-aws";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            boolean firehose = FirehoseWire.TARGET.equals(event.getRequest().getHeader("X-Amz-Target"));
            if (!firehose && !PutObject.isPutObject(event.getRequest())) {
                return event.getResponseDefinition();
            }
            int call = calls.incrementAndGet();
            Reply now = reply;
            if (firehose) {
                PutRecordBatch request = PutRecordBatch.parse(event.getRequest().getBody());
                Reply answer = FirehoseWire.limitViolation(request.records()).map(Reply.class::cast).orElse(now);
                return switch (answer) {
                    case Accept accept -> FirehoseWire.accepted(call, request.records(), accept.refusedCodes(), r -> { });
                    case Fail fail -> FirehoseWire.failed(call, fail.status(), fail.type(), fail.message());
                    case Slow slow -> FakeEndpoint.delayed(FirehoseWire.accepted(call, request.records(), Map.of(),
                            r -> { }), slow.delay());
                    case Reset reset -> FakeEndpoint.connectionReset();
                    case Garbled garbled -> FirehoseWire.garbled(call, request.records(), garbled.entries(), r -> { });
                };
            }
            return switch (now) {
                case Accept accept -> S3Wire.stored(call);
                case Fail fail -> S3Wire.failed(fail.status(), fail.type(), fail.message());
                case Slow slow -> FakeEndpoint.delayed(S3Wire.stored(call), slow.delay());
                case Reset reset -> FakeEndpoint.connectionReset();
                case Garbled garbled -> S3Wire.stored(call);
            };
        }
    }
}
