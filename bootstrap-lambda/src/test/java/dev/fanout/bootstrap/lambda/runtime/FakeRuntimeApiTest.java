package dev.fanout.bootstrap.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The fake Runtime API speaks the protocol the runtime interface client expects (see {@link FakeRuntimeApi}). */
class FakeRuntimeApiTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void next_waitsForAnInvocation_thenHandsItOutWithTheRuntimeHeaders() throws Exception {
        try (FakeRuntimeApi runtime = FakeRuntimeApi.start()) {
            // given a function already waiting for its next invocation
            CompletableFuture<HttpResponse<String>> next = http.sendAsync(get(runtime, "invocation/next"),
                    HttpResponse.BodyHandlers.ofString());
            runtime.awaitFirstNext(Duration.ofSeconds(10));
            assertThat(next).isNotDone();

            // when an event is queued
            FakeRuntimeApi.Invocation invocation = runtime.invoke("[1]".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(30));

            // then
            HttpResponse<String> response = next.get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("[1]");
            assertThat(response.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).contains(invocation.requestId());
            long deadline = Long.parseLong(response.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
            assertThat(deadline).isEqualTo(invocation.takenAt().join().plus(Duration.ofSeconds(30)).toEpochMilli());
            assertThat(response.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).isPresent();
            assertThat(response.headers().firstValue("Lambda-Runtime-Trace-Id")).isPresent();
        }
    }

    @Test
    void responsesAndErrors_areRecordedAndAccepted_andAResponseOverSixMegabytesIsRefused() throws Exception {
        try (FakeRuntimeApi runtime = FakeRuntimeApi.start()) {
            // given three invocations taken by the function
            FakeRuntimeApi.Invocation ok = runtime.invoke(new byte[] {'1'}, Duration.ofSeconds(30));
            FakeRuntimeApi.Invocation failed = runtime.invoke(new byte[] {'2'}, Duration.ofSeconds(30));
            FakeRuntimeApi.Invocation oversized = runtime.invoke(new byte[] {'3'}, Duration.ofSeconds(30));
            for (int i = 0; i < 3; i++) {
                http.send(get(runtime, "invocation/next"), HttpResponse.BodyHandlers.discarding());
            }

            // when it answers each
            int okStatus = post(runtime, "invocation/" + ok.requestId() + "/response", "{\"rows\":1}".getBytes(StandardCharsets.UTF_8), null);
            int errorStatus = post(runtime, "invocation/" + failed.requestId() + "/error",
                    "{\"errorMessage\":\"m\",\"errorType\":\"T\"}".getBytes(StandardCharsets.UTF_8), "Function.Unhandled");
            int oversizedStatus = post(runtime, "invocation/" + oversized.requestId() + "/response",
                    new byte[FakeRuntimeApi.MAX_RESPONSE_BYTES + 1], null);
            int unknownStatus = post(runtime, "invocation/nobody/response", new byte[] {'x'}, null);

            // then
            assertThat(okStatus).isEqualTo(202);
            assertThat(errorStatus).isEqualTo(202);
            assertThat(oversizedStatus).isEqualTo(413);
            assertThat(unknownStatus).isEqualTo(400);
            Duration wait = Duration.ofSeconds(5);
            assertThat(((FakeRuntimeApi.Result.Success) runtime.awaitResult(ok, wait)).text()).isEqualTo("{\"rows\":1}");
            FakeRuntimeApi.Result.Failure failure = (FakeRuntimeApi.Result.Failure) runtime.awaitResult(failed, wait);
            assertThat(failure.errorType()).isEqualTo("Function.Unhandled");
            assertThat(failure.body()).contains("errorMessage");
            assertThat(failure.at()).isBeforeOrEqualTo(Instant.now());
            assertThat(runtime.awaitResult(oversized, wait)).isInstanceOf(FakeRuntimeApi.Result.Oversized.class);
        }
    }

    private static HttpRequest get(FakeRuntimeApi runtime, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + runtime.address() + "/2018-06-01/runtime/" + path))
                .GET().build();
    }

    private int post(FakeRuntimeApi runtime, String path, byte[] body, String errorType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://" + runtime.address() + "/2018-06-01/runtime/" + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (errorType != null) {
            request.header("Lambda-Runtime-Function-Error-Type", errorType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
