package dev.fanout.bootstrap.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * Firehose's PutRecordBatch (JSON 1.1, {@code X-Amz-Target: Firehose_20150804.PutRecordBatch}) and S3's
 * path-style PutObject on one local WireMock endpoint, as {@code --endpoint-url} expects (one endpoint for
 * both, like LocalStack). It answers as the test's behaviours say and keeps every record and object it
 * stored, so tests can count what reached "AWS", how often. Like Firehose, it refuses a PutRecordBatch beyond
 * the hard limits (500 records, 1 000 KiB per record, 4 MiB per call) whatever the behaviour says.
 */
final class FakeAws implements AutoCloseable {

    static final String TARGET = FirehoseWire.TARGET;

    @FunctionalInterface
    interface Behaviour {
        Reply reply(int call, int records);
    }

    /** One PutRecordBatch call as the fake saw it. */
    record Call(String streamName, String authorization, List<byte[]> records, Reply reply) {
    }

    /** One PutObject as the fake saw it; {@code body} without the aws-chunked framing. */
    record Put(String bucket, String key, Map<String, String> headers, byte[] body, Reply reply) {
    }

    private final WireMockServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<byte[]> storedRecords = new CopyOnWriteArrayList<>();
    private final List<Put> puts = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final AtomicInteger firehoseCalls = new AtomicInteger();
    private final AtomicInteger s3Calls = new AtomicInteger();
    private volatile Behaviour firehose = (call, records) -> Accept.all();
    private volatile Behaviour s3 = (call, records) -> Accept.all();

    FakeAws() {
        server = FakeEndpoint.start(new Transformer());
    }

    FakeAws firehose(Behaviour behaviour) {
        this.firehose = behaviour;
        return this;
    }

    /** S3 answers {@link Accept} (stored), {@link Fail}, {@link Slow} or {@link Reset}; {@code records} is 1. */
    FakeAws s3(Behaviour behaviour) {
        this.s3 = behaviour;
        return this;
    }

    String endpoint() {
        return server.baseUrl();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Put> puts() {
        return List.copyOf(puts);
    }

    /** Every row (newline-delimited JSON line) of every record stored, in arrival order. */
    List<String> storedRows() {
        return FirehoseWire.rows(storedRecords);
    }

    /** The gunzipped objects of {@code bucket}, key → text, sorted by key. */
    Map<String, String> objects(String bucket) {
        Map<String, String> texts = new TreeMap<>();
        objects.forEach((path, body) -> {
            if (path.startsWith(bucket + "/")) {
                texts.put(path.substring(bucket.length() + 1), gunzip(body));
            }
        });
        return texts;
    }

    /** Forgets every call, record, PUT and object so far, so a long run holds only its current round. */
    void forget() {
        calls.clear();
        storedRecords.clear();
        puts.clear();
        objects.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "fake-aws";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (TARGET.equals(event.getRequest().getHeader("X-Amz-Target"))) {
                return putRecordBatch(event);
            }
            if (PutObject.isPutObject(event.getRequest())) {
                return putObject(event);
            }
            return event.getResponseDefinition();
        }

        private ResponseDefinition putRecordBatch(ServeEvent event) {
            PutRecordBatch request = PutRecordBatch.parse(event.getRequest().getBody());
            int call = firehoseCalls.incrementAndGet();
            Reply reply = FirehoseWire.limitViolation(request.records()).map(Reply.class::cast)
                    .orElseGet(() -> firehose.reply(call, request.records().size()));
            calls.add(new Call(request.streamName(), event.getRequest().getHeader("Authorization"), request.records(),
                    reply));
            return switch (reply) {
                case Accept accept -> FirehoseWire.accepted(call, request.records(), accept.refusedCodes(),
                        storedRecords::add);
                case Slow slow -> FakeEndpoint.delayed(FirehoseWire.accepted(call, request.records(), Map.of(),
                        storedRecords::add), slow.delay());
                case Fail fail -> FirehoseWire.failed(call, fail.status(), fail.type(), fail.message());
                case Reset reset -> FakeEndpoint.connectionReset();
                case Garbled garbled -> FirehoseWire.garbled(call, request.records(), garbled.entries(),
                        storedRecords::add);
            };
        }

        private ResponseDefinition putObject(ServeEvent event) {
            PutObject request = PutObject.parse(event.getRequest());
            int call = s3Calls.incrementAndGet();
            Reply reply = s3.reply(call, 1);
            puts.add(new Put(request.bucket(), request.key(), request.headers(), request.body(), reply));
            return switch (reply) {
                case Accept accept -> stored(request, call);
                case Slow slow -> FakeEndpoint.delayed(stored(request, call), slow.delay());
                case Fail fail -> S3Wire.failed(fail.status(), fail.type(), fail.message());
                case Reset reset -> FakeEndpoint.connectionReset();
                case Garbled garbled -> stored(request, call);
            };
        }

        private ResponseDefinition stored(PutObject request, int call) {
            objects.put(request.bucket() + "/" + request.key(), request.body());
            return S3Wire.stored(call);
        }
    }

    private static String gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
