package dev.fanout.bootstrap.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * stored, so tests can count what reached "AWS", how often.
 */
final class FakeAws implements AutoCloseable {

    static final String TARGET = "Firehose_20150804.PutRecordBatch";

    /** How the fake Firehose answers one call. */
    sealed interface Reply {
    }

    /** Stores every record except those at the refused indexes, which get the given error code. */
    record Accept(Map<Integer, String> refusedCodes) implements Reply {
        static Accept all() {
            return new Accept(Map.of());
        }
    }

    /** Stores nothing; answers with an error status and {@code __type} (Firehose) or {@code <Code>} (S3). */
    record Fail(int status, String type, String message) implements Reply {
    }

    /** Stores everything, then answers after {@code delay}: a client with a shorter timeout gives up. */
    record Slow(Duration delay) implements Reply {
    }

    /** Stores nothing and resets the connection. */
    record Reset() implements Reply {
    }

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
        server = new WireMockServer(options().dynamicPort().containerThreads(16).jettyIdleTimeout(30_000L)
                .disableRequestJournal().stubRequestLoggingDisabled(true).extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
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
        List<String> rows = new ArrayList<>();
        for (byte[] record : storedRecords) {
            for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(line);
                }
            }
        }
        return rows;
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
            if (RequestMethod.PUT.equals(event.getRequest().getMethod())) {
                return putObject(event);
            }
            return event.getResponseDefinition();
        }

        private ResponseDefinition putRecordBatch(ServeEvent event) {
            JsonNode body = OutputTree.parse(new String(event.getRequest().getBody(), StandardCharsets.UTF_8));
            List<byte[]> records = new ArrayList<>();
            body.path("Records").forEach(record -> records.add(Base64.getDecoder().decode(record.get("Data").asText())));
            int call = firehoseCalls.incrementAndGet();
            Reply reply = firehose.reply(call, records.size());
            calls.add(new Call(body.path("DeliveryStreamName").asText(), event.getRequest().getHeader("Authorization"),
                    List.copyOf(records), reply));
            return switch (reply) {
                case Accept accept -> accepted(call, records, accept.refusedCodes());
                case Slow slow -> ResponseDefinitionBuilder.like(accepted(call, records, Map.of()))
                        .withFixedDelay((int) slow.delay().toMillis()).build();
                case Fail fail -> ResponseDefinitionBuilder.responseDefinition().withStatus(fail.status())
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"" + fail.type() + "\",\"message\":\"" + fail.message() + "\"}")
                        .build();
                case Reset reset -> ResponseDefinitionBuilder.responseDefinition()
                        .withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            };
        }

        private ResponseDefinition accepted(int call, List<byte[]> records, Map<Integer, String> refusedCodes) {
            StringBuilder body = new StringBuilder("{\"FailedPutCount\":").append(refusedCodes.size())
                    .append(",\"Encrypted\":false,\"RequestResponses\":[");
            for (int i = 0; i < records.size(); i++) {
                body.append(i > 0 ? "," : "");
                String code = refusedCodes.get(i);
                if (code == null) {
                    storedRecords.add(records.get(i));
                    body.append("{\"RecordId\":\"rec-").append(call).append('-').append(i).append("\"}");
                } else {
                    body.append("{\"ErrorCode\":\"").append(code).append("\",\"ErrorMessage\":\"try again\"}");
                }
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(body.append("]}").toString())
                    .build();
        }

        private ResponseDefinition putObject(ServeEvent event) {
            String path = URI.create(event.getRequest().getUrl()).getRawPath().substring(1);
            int slash = path.indexOf('/');
            String bucket = path.substring(0, slash);
            String key = URLDecoder.decode(path.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            for (HttpHeader header : event.getRequest().getHeaders().all()) {
                headers.put(header.key().toLowerCase(Locale.ROOT), header.firstValue());
            }
            byte[] body = event.getRequest().getBody();
            if ("aws-chunked".equals(headers.get("content-encoding"))) {
                body = unchunk(body);
            }
            Reply reply = s3.reply(s3Calls.incrementAndGet(), 1);
            puts.add(new Put(bucket, key, headers, body, reply));
            ResponseDefinition stored = ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("ETag", "\"etag-" + s3Calls.get() + "\"").build();
            return switch (reply) {
                case Accept accept -> {
                    objects.put(bucket + "/" + key, body);
                    yield stored;
                }
                case Slow slow -> {
                    objects.put(bucket + "/" + key, body);
                    yield ResponseDefinitionBuilder.like(stored).withFixedDelay((int) slow.delay().toMillis()).build();
                }
                case Fail fail -> ResponseDefinitionBuilder.responseDefinition().withStatus(fail.status())
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + fail.type()
                                + "</Code><Message>" + fail.message() + "</Message><RequestId>r1</RequestId></Error>")
                        .build();
                case Reset reset -> ResponseDefinitionBuilder.responseDefinition()
                        .withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            };
        }
    }

    /** The data of an {@code aws-chunked} upload: {@code <hex size>;…\r\n<data>\r\n…0;…\r\n<trailers>}. */
    private static byte[] unchunk(byte[] framed) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = at;
            while (!(framed[lineEnd] == '\r' && framed[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String header = new String(framed, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                return data.toByteArray();
            }
            data.write(framed, at, size);
            at += size + 2;
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
