package dev.fanout.bootstrap.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never leaves the process: it reads each request's body to its end (so that the SDK
 * marshals, signs and checksums it as for the network) and answers every request with one canned success response.
 * Under an SDK client built like a real one, it lets {@link Priming} run that client's request path once at
 * init without sending anything anywhere.
 */
final class PrimingHttpClient implements SdkHttpClient {

    private final Map<String, String> headers;
    private final byte[] body;
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * @param headers the response's headers
     * @param body    its body (may be empty)
     */
    PrimingHttpClient(Map<String, String> headers, byte[] body) {
        this.headers = Map.copyOf(headers);
        this.body = body.clone();
    }

    /** Firehose's answer to a PutRecordBatch of one record: stored. */
    static PrimingHttpClient firehose() {
        return new PrimingHttpClient(Map.of("Content-Type", "application/x-amz-json-1.1"),
                "{\"FailedPutCount\":0,\"Encrypted\":false,\"RequestResponses\":[{\"RecordId\":\"priming\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** S3's answer to a PutObject: stored, with an entity tag. */
    static PrimingHttpClient s3() {
        return new PrimingHttpClient(Map.of("ETag", "\"priming\""), new byte[0]);
    }

    /** CloudWatch's answer to a PutMetricData in Smithy RPCv2 CBOR: an empty map. */
    static PrimingHttpClient cloudWatch() {
        return new PrimingHttpClient(Map.of("Content-Type", "application/cbor", "smithy-protocol", "rpc-v2-cbor"),
                new byte[] {(byte) 0xA0});
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        Objects.requireNonNull(request, "request");
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream content = request.contentStreamProvider().get().newStream()) {
                        content.transferTo(OutputStream.nullOutputStream());
                    }
                }
                calls.incrementAndGet();
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(200).statusText("OK");
                headers.forEach((name, value) -> response.putHeader(name, List.of(value)));
                response.putHeader("Content-Length", List.of(Integer.toString(body.length)));
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
            }

            @Override
            public void abort() {
                // nothing in flight: the answer is made in memory
            }
        };
    }

    /** How many requests it answered. */
    int calls() {
        return calls.get();
    }

    @Override
    public String clientName() {
        return "FanoutPriming";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
