package dev.fanout.adapters.aws.firehose;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fanout.adapters.aws.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
 * remembering every record it "stored", so tests can check what reached Firehose, how often.
 */
final class FakeFirehose implements AutoCloseable {

    static final String TARGET = "Firehose_20150804.PutRecordBatch";
    static final Region REGION = Region.EU_WEST_1;

    /** How the fake answers one call. */
    sealed interface Reply {
    }

    /** Stores every record except those at the refused indexes, which get the given error code. */
    record Accept(Map<Integer, String> refusedCodes) implements Reply {
        static Accept all() {
            return new Accept(Map.of());
        }
    }

    /** Stores nothing; answers with an error status and {@code __type}. */
    record Fail(int status, String type, String message) implements Reply {
    }

    /** Stores every record, then answers after {@code delay}: a client with a shorter timeout gives up. */
    record Slow(Duration delay) implements Reply {
    }

    /** Stores nothing and resets the connection. */
    record Reset() implements Reply {
    }

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

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private final WireMockServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<byte[]> stored = new CopyOnWriteArrayList<>();
    private final AtomicInteger callCount = new AtomicInteger();
    private volatile Behaviour behaviour = (call, records) -> Accept.all();

    FakeFirehose() {
        server = new WireMockServer(options().dynamicPort().containerThreads(16).jettyIdleTimeout(30_000L)
                .disableRequestJournal().stubRequestLoggingDisabled(true).extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
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
        List<String> rows = new ArrayList<>();
        for (byte[] record : stored) {
            String text = new String(record, StandardCharsets.UTF_8);
            for (String line : text.split("\n", -1)) {
                if (!line.isEmpty()) {
                    rows.add(line);
                }
            }
        }
        return rows;
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
            Parsed parsed = parse(event.getRequest().getBody());
            Reply reply = behaviour.reply(callCount.incrementAndGet(), parsed.records());
            calls.add(new Call(parsed.streamName(), target, event.getRequest().getHeader("Content-Type"),
                    parsed.records(), reply));
            return switch (reply) {
                case Accept accept -> accepted(parsed.records(), accept.refusedCodes());
                case Fail fail -> ResponseDefinitionBuilder.responseDefinition().withStatus(fail.status())
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("x-amzn-RequestId", "req-" + callCount.get())
                        .withBody(("{\"__type\":\"" + fail.type() + "\",\"message\":\"" + fail.message() + "\"}")
                                .getBytes(StandardCharsets.UTF_8))
                        .build();
                case Slow slow -> ResponseDefinitionBuilder.like(accepted(parsed.records(), Map.of()))
                        .withFixedDelay((int) slow.delay().toMillis()).build();
                case Reset reset -> ResponseDefinitionBuilder.responseDefinition()
                        .withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            };
        }

        private ResponseDefinition accepted(List<byte[]> records, Map<Integer, String> refusedCodes) {
            StringBuilder body = new StringBuilder("{\"FailedPutCount\":").append(refusedCodes.size())
                    .append(",\"Encrypted\":false,\"RequestResponses\":[");
            for (int i = 0; i < records.size(); i++) {
                if (i > 0) {
                    body.append(',');
                }
                String code = refusedCodes.get(i);
                if (code == null) {
                    stored.add(records.get(i));
                    body.append("{\"RecordId\":\"rec-").append(callCount.get()).append('-').append(i).append("\"}");
                } else {
                    body.append("{\"ErrorCode\":\"").append(code).append("\",\"ErrorMessage\":\"try again\"}");
                }
            }
            body.append("]}");
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(body.toString().getBytes(StandardCharsets.UTF_8))
                    .build();
        }
    }

    private record Parsed(String streamName, List<byte[]> records) {
    }

    private static Parsed parse(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            String stream = null;
            List<byte[]> records = new ArrayList<>();
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("DeliveryStreamName")) {
                    stream = parser.getText();
                } else if (name.equals("Records")) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String field = parser.currentName();
                            parser.nextToken();
                            if (field.equals("Data")) {
                                records.add(Base64.getDecoder().decode(parser.getText()));
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return new Parsed(stream, List.copyOf(records));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but got " + actual);
        }
    }
}
