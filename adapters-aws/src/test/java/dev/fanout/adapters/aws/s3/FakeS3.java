package dev.fanout.adapters.aws.s3;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.fakes.FakeEndpoint;
import dev.fanout.adapters.aws.fakes.S3Wire;
import dev.fanout.adapters.aws.fakes.S3Wire.PutObject;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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
        server = FakeEndpoint.start(new Transformer());
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
            if (!PutObject.isPutObject(event.getRequest())) {
                return event.getResponseDefinition();
            }
            PutObject request = PutObject.parse(event.getRequest());
            int call = callCount.incrementAndGet();
            Reply reply = behaviour.reply(call, request.key());
            puts.add(new Put(request.bucket(), request.key(), request.headers(), request.body(), reply));
            return switch (reply) {
                case Store store -> stored(request, call);
                case Slow slow -> FakeEndpoint.delayed(stored(request, call), slow.delay());
                case Fail fail -> S3Wire.failed(fail.status(), fail.code(), fail.message());
                case Reset reset -> FakeEndpoint.connectionReset();
            };
        }

        private ResponseDefinition stored(PutObject request, int call) {
            objects.put(request.bucket() + "/" + request.key(), request.body());
            return S3Wire.stored(call);
        }
    }
}
