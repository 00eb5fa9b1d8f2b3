package dev.fanout.bootstrap.lambda;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/**
 * The asynchronous client Micrometer's registry asks for, doing PutMetricData synchronously on the calling
 * thread through the synchronous client: so the function needs no asynchronous HTTP client (Netty or CRT, several
 * MB and threads to rebuild after a SnapStart restore; ADR 0001), and the publish at the end of an invocation has
 * finished when it returns. Every other operation is unsupported (the interface's defaults).
 *
 * <p>It also drops the {@code statistic} dimension Micrometer gives the datums of custom meters
 * ({@code statistic=value}): the contract's metrics have no dimension but {@code Rejected}'s {@code reason}, and
 * CloudWatch alarms match a metric by its exact dimensions (docs/adr/0004-lambda-metrics.md).
 */
final class SyncCloudWatchAsyncClient implements CloudWatchAsyncClient {

    static final String MICROMETER_STATISTIC = "statistic";

    private final CloudWatchClient client;
    private volatile boolean failed;

    SyncCloudWatchAsyncClient(CloudWatchClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public CompletableFuture<PutMetricDataResponse> putMetricData(PutMetricDataRequest request) {
        try {
            return CompletableFuture.completedFuture(client.putMetricData(request.toBuilder()
                    .metricData(withoutStatistic(request.metricData())).build()));
        } catch (RuntimeException e) {
            failed = true;
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Whether a call failed since the last {@link #resetFailure()} (Micrometer only logs it). */
    boolean failed() {
        return failed;
    }

    void resetFailure() {
        failed = false;
    }

    private static List<MetricDatum> withoutStatistic(List<MetricDatum> data) {
        return data.stream().map(datum -> datum.toBuilder().dimensions(datum.dimensions().stream()
                .filter(d -> !MICROMETER_STATISTIC.equals(d.name())).toList()).build()).toList();
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
