package dev.fanout.adapters.aws.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fanout.adapters.aws.AwsClients;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local stand-in for S3's PutObject (path-style {@code PUT /bucket/key}) on WireMock: it keeps the last
 * body put at every key, records the headers of every PUT, and answers as a {@link Behaviour} says.
 */
final class FakeS3 implements AutoCloseable {

    static final Region REGION = Region.EU_CENTRAL_1;

    sealed interface Reply {
    }

    record Store() implements Reply {
    }

    record Fail(int status, String code, String message) implements Reply {
    }

    /** Stores the object, then answers after {@code delay}. */
    record Slow(Duration delay) implements Reply {
    }

    record Reset() implements Reply {
    }

    @FunctionalInterface
    interface Behaviour {
        Reply reply(int call, String key);
    }

    /** One PUT as the fake saw it; {@code body} is the object (aws-chunked framing removed, its checksum checked). */
    record Put(String bucket, String key, Map<String, String> headers, byte[] body, Reply reply) {
    }

    private final WireMockServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<Put> puts = new CopyOnWriteArrayList<>();
    private final AtomicInteger callCount = new AtomicInteger();
    private volatile Behaviour behaviour = (call, key) -> new Store();

    FakeS3() {
        server = new WireMockServer(options().dynamicPort().containerThreads(16)
                .disableRequestJournal().stubRequestLoggingDisabled(true).extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
    }

    FakeS3 behave(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    AwsClients.Settings clientSettings() {
        return AwsClients.Settings.of(REGION, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .withEndpoint(URI.create(server.baseUrl()))
                .withS3PathStyle(true)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    S3Client client() {
        return AwsClients.s3(clientSettings());
    }

    /** The objects of {@code bucket}, key → body, sorted by key. */
    Map<String, byte[]> objects(String bucket) {
        return objects.entrySet().stream()
                .filter(e -> e.getKey().startsWith(bucket + "/"))
                .sorted(Map.Entry.comparingByKey())
                .collect(Collectors.toMap(e -> e.getKey().substring(bucket.length() + 1), Map.Entry::getValue,
                        (a, b) -> a, LinkedHashMap::new));
    }

    List<Put> puts() {
        return List.copyOf(puts);
    }

    void clear() {
        objects.clear();
        puts.clear();
        callCount.set(0);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "fake-s3";
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (!RequestMethod.PUT.equals(event.getRequest().getMethod())) {
                return event.getResponseDefinition();
            }
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
                body = decodeAwsChunked(body, headers);
            }
            Reply reply = behaviour.reply(callCount.incrementAndGet(), key);
            puts.add(new Put(bucket, key, headers, body, reply));
            return switch (reply) {
                case Store store -> stored(bucket, key, body);
                case Slow slow -> ResponseDefinitionBuilder.like(stored(bucket, key, body))
                        .withFixedDelay((int) slow.delay().toMillis()).build();
                case Fail fail -> ResponseDefinitionBuilder.responseDefinition().withStatus(fail.status())
                        .withHeader("Content-Type", "application/xml")
                        .withBody(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + fail.code()
                                + "</Code><Message>" + fail.message() + "</Message><RequestId>r1</RequestId></Error>")
                                .getBytes(StandardCharsets.UTF_8))
                        .build();
                case Reset reset -> ResponseDefinitionBuilder.responseDefinition()
                        .withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            };
        }

        private ResponseDefinition stored(String bucket, String key, byte[] body) {
            objects.put(bucket + "/" + key, body);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("ETag", "\"etag-" + callCount.get() + "\"")
                    .build();
        }
    }

    /**
     * Removes the {@code aws-chunked} framing the SDK wraps a signed streaming upload in
     * ({@code <hex size>;chunk-signature=…\r\n<data>\r\n…0;…\r\n<trailers>\r\n\r\n}) and checks the CRC32
     * trailer against the data, as S3 does; trailers are added to {@code headers}.
     */
    static byte[] decodeAwsChunked(byte[] framed, Map<String, String> headers) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(framed, at);
            String header = new String(framed, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                break;
            }
            data.write(framed, at, size);
            at += size + 2;
        }
        while (at < framed.length) {
            int lineEnd = indexOfCrlf(framed, at);
            String trailer = new String(framed, at, lineEnd - at, StandardCharsets.US_ASCII);
            at = lineEnd + 2;
            if (trailer.isEmpty()) {
                break;
            }
            String[] nameValue = trailer.split(":", 2);
            headers.put(nameValue[0].trim().toLowerCase(Locale.ROOT), nameValue[1].trim());
        }
        byte[] body = data.toByteArray();
        String expected = headers.get("x-amz-checksum-crc32");
        if (expected != null) {
            CRC32 crc = new CRC32();
            crc.update(body);
            byte[] value = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
            if (!Base64.getEncoder().encodeToString(value).equals(expected)) {
                throw new IllegalStateException("CRC32 trailer " + expected + " does not match the uploaded data");
            }
        }
        return body;
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("aws-chunked framing without CRLF after byte " + from);
    }
}
