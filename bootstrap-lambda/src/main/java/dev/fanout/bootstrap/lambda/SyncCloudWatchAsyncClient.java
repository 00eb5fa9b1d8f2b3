package dev.fanout.bootstrap.lambda;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchServiceClientConfiguration;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/**
 * The asynchronous client Micrometer's registry asks for, doing PutMetricData synchronously on the calling
 * thread through the synchronous client: so the function needs no asynchronous HTTP client (Netty or CRT, several
 * MB and threads to rebuild after a SnapStart restore; ADR 0001), and the publish at the end of an invocation has
 * finished when it returns. Every other operation is unsupported (the interface's defaults).
 */
final class SyncCloudWatchAsyncClient implements CloudWatchAsyncClient {

    private final CloudWatchClient client;

    SyncCloudWatchAsyncClient(CloudWatchClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public CompletableFuture<PutMetricDataResponse> putMetricData(PutMetricDataRequest request) {
        try {
            return CompletableFuture.completedFuture(client.putMetricData(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CloudWatchServiceClientConfiguration serviceClientConfiguration() {
        return client.serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
        return client.serviceName();
    }

    @Override
    public void close() {
        client.close();
    }
}
