package dev.fanout.adapters.aws.firehose;

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
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * A local stand-in for Amazon Data Firehose's PutRecordBatch (JSON 1.1, {@code X-Amz-Target:
 * Firehose_20150804.PutRecordBatch}) on WireMock, answering each call as a {@link Behaviour} says and
 * remembering every record it "stored", so tests can check what reached Firehose, how often. Like Firehose, it
 * refuses a call beyond the hard limits (500 records, 1 000 KiB per record, 4 MiB per call) whatever the
 * behaviour says.
 */
final class FakeFirehose implements AutoCloseable {

    static final String TARGET = FirehoseWire.TARGET;
    static final Region REGION = Region.EU_WEST_1;

    @FunctionalInterface
    interface Behaviour {
        Reply reply(int call, List<byte[]> records);
    }

    /** One PutRecordBatch call as the fake saw it. */
    record Call(String streamName, String target, String contentType, List<byte[]> records, Reply reply) {
        long bytes() {
            return records.stream().mapToLong(r -> r.length).sum();
        }
    }

    private final WireMockServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<byte[]> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger callCount = new AtomicInteger();
    private volatile Behaviour behaviour = (call, records) -> Accept.all();

    FakeFirehose() {
        server = FakeEndpoint.start(new Transformer());
    }

    FakeFirehose behave(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    URI endpoint() {
        return URI.create(server.baseUrl());
    }

    AwsClients.Settings clientSettings() {
        return AwsClients.Settings.of(REGION, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .withEndpoint(endpoint())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    FirehoseClient client() {
        return AwsClients.firehose(clientSettings());
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The data of every record the fake stored, in arrival order. */
    List<byte[]> storedRecords() {
        return List.copyOf(stored);
    }

    /** Every row (newline-delimited JSON) in the stored records. */
    List<String> storedRows() {
        return FirehoseWire.rows(stored);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "fake-firehose";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String target = event.getRequest().getHeader("X-Amz-Target");
            if (!TARGET.equals(target)) {
                return event.getResponseDefinition();
            }
            PutRecordBatch request = PutRecordBatch.parse(event.getRequest().getBody());
            int call = callCount.incrementAndGet();
            Reply reply = FirehoseWire.limitViolation(request.records()).map(Reply.class::cast)
                    .orElseGet(() -> behaviour.reply(call, request.records()));
            calls.add(new Call(request.streamName(), target, event.getRequest().getHeader("Content-Type"),
                    request.records(), reply));
            return switch (reply) {
                case Accept accept -> FirehoseWire.accepted(call, request.records(), accept.refusedCodes(), stored::add);
                case Fail fail -> FirehoseWire.failed(call, fail.status(), fail.type(), fail.message());
                case Slow slow -> FakeEndpoint.delayed(FirehoseWire.accepted(call, request.records(), Map.of(),
                        stored::add), slow.delay());
                case Reset reset -> FakeEndpoint.connectionReset();
                case Garbled garbled -> FirehoseWire.garbled(call, request.records(), garbled.entries(), stored::add);
            };
        }
    }
}
