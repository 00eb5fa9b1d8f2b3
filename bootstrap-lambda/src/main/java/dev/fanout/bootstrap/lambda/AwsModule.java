package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.s3.S3DeadLetterSink;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS side every handler shares: credentials, the S3 dead-letter sink and the CloudWatch metrics. Clients are
 * made at init with an explicit region, credentials provider and HTTP client (url-connection, ADR 0001), and
 * make no network call until the first invocation.
 */
@Module(includes = WarmupModule.class)
final class AwsModule {

    /** The longest a PutMetricData call may hold an invocation up. */
    static final Duration METRICS_TIMEOUT = Duration.ofSeconds(2);

    private AwsModule() {
    }

    /**
     * In Lambda, the function role's credentials: in the environment ({@code AWS_ACCESS_KEY_ID}…), or, with
     * SnapStart, from the container credentials endpoint the runtime sets up instead
     * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}; Lambda docs, "snapstart-activate", SnapStart with AWS SDKs).
     * Nothing is resolved at init, so no credentials go into a snapshot. Elsewhere ({@code fanout invoke-local})
     * the SDK's default chain.
     */
    @Provides
    @Singleton
    static AwsCredentialsProvider credentials(LambdaConfig config) {
        if (!config.lambdaCredentials()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                ContainerCredentialsProvider.builder().build());
    }

    @Provides
    static AwsClients.Settings awsSettings(LambdaConfig config, AwsCredentialsProvider credentials) {
        return AwsClients.Settings.of(config.region(), credentials);
    }

    @Provides
    @Singleton
    static DeliveryMeter.SdkCalls sdkCalls() {
        return new DeliveryMeter.SdkCalls(new SdkCallStats(), new SdkCallStats());
    }

    /** Path-style addressing whenever the endpoint is overridden: a local fake has no bucket subdomains. */
    @Provides
    @Singleton
    static S3Client s3(LambdaConfig config, AwsClients.Settings aws, DeliveryMeter.SdkCalls calls) {
        AwsClients.Settings settings = config.endpoints().s3().map(uri -> aws.withEndpoint(uri).withS3PathStyle(true))
                .orElse(aws);
        return AwsClients.s3(settings, List.of(calls.s3()));
    }

    /** The S3 client, made at init beside the priming ({@link Warmup}), after Firehose's (if any). */
    @Provides
    @IntoSet
    static Warmup.Step makeS3Client(Provider<S3Client> client) {
        return client::get;
    }

    /** The metrics publisher and its CloudWatch client, made at init beside the priming, last. */
    @Provides
    @IntoSet
    static Warmup.Step makeMetricsPublisher(Provider<MetricsPublisher> metrics) {
        return metrics::get;
    }

    @Provides
    @Singleton
    static RetryingDeadLetterSink deadLetterSink(LambdaConfig config, S3Client s3, RetryPolicy policy,
                                                 InstantSource clock) {
        return new RetryingDeadLetterSink(new S3DeadLetterSink(s3, config.deadLetters(), clock), policy);
    }

    @Provides
    @Singleton
    static MetricsPublisher metrics(LambdaConfig config, AwsCredentialsProvider credentials) {
        if (!config.metrics()) {
            return MetricsPublisher.OFF;
        }
        return new CloudWatchMetrics(cloudWatch(config, credentials, Optional.empty()), config.metricsNamespace(),
                METRICS_TIMEOUT);
    }

    /**
     * The metrics' CloudWatch client: calls bounded by {@link #METRICS_TIMEOUT}; over url-connection unless
     * {@code http} is given (priming's in-memory transport).
     */
    static CloudWatchClient cloudWatch(LambdaConfig config, AwsCredentialsProvider credentials,
                                       Optional<SdkHttpClient> http) {
        var builder = CloudWatchClient.builder()
                .region(config.region())
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(METRICS_TIMEOUT)
                        .build());
        http.ifPresentOrElse(builder::httpClient, () -> builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                .connectionTimeout(METRICS_TIMEOUT)
                .socketTimeout(METRICS_TIMEOUT)));
        config.endpoints().cloudWatch().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
