package dev.fanout.adapters.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the SDK clients the AWS adapters use, the same way every time: an explicit region, credentials
 * provider and HTTP client (url-connection; the Apache and Netty clients are not on the classpath), and
 * <b>no SDK retries</b>: the adapters make one attempt per call and the domain's retry policy decides what
 * to resend, inside the caller's deadline.
 *
 * <p>Without an explicit endpoint the SDK resolves it as usual, so the standard {@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_FIREHOSE} and {@code AWS_ENDPOINT_URL_S3} settings (and their {@code aws.endpointUrl*}
 * system properties) keep working. Reading environment variables is the bootstrap's job, not this class's.
 *
 * <p>The caller owns the clients and closes them (each closes its own HTTP client).
 */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * How to reach AWS.
     *
     * @param region         the region of the stream and the bucket
     * @param credentials    where credentials come from (the bootstrap picks one, e.g. the environment)
     * @param endpoint       an endpoint to use instead of the SDK's resolution (a local fake, LocalStack)
     * @param connectTimeout how long to wait for a TCP connection
     * @param socketTimeout  the longest wait for bytes on an open connection; calls are bounded more tightly
     *                       by the sinks' per-call timeouts
     * @param s3PathStyle    address buckets as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}
     * @param httpClient     an HTTP client to use instead of a url-connection one made from the timeouts (one that
     *                       answers in memory, to run a client's request path once without the network); the
     *                       caller closes it
     */
    public record Settings(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint,
                           Duration connectTimeout, Duration socketTimeout, boolean s3PathStyle,
                           Optional<SdkHttpClient> httpClient) {

        public Settings {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(httpClient, "httpClient");
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(socketTimeout, "socketTimeout");
            endpoint.ifPresent(uri -> {
                if (!uri.isAbsolute() || uri.getHost() == null) {
                    throw new IllegalArgumentException("an endpoint needs a scheme and a host, got " + uri);
                }
            });
        }

        /** The given region and credentials; the SDK's endpoint; 2 s to connect, 30 s socket timeout. */
        public static Settings of(Region region, AwsCredentialsProvider credentials) {
            return new Settings(region, credentials, Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(30),
                    false, Optional.empty());
        }

        public Settings withEndpoint(URI endpoint) {
            return new Settings(region, credentials, Optional.of(endpoint), connectTimeout, socketTimeout, s3PathStyle,
                    httpClient);
        }

        public Settings withS3PathStyle(boolean pathStyle) {
            return new Settings(region, credentials, endpoint, connectTimeout, socketTimeout, pathStyle, httpClient);
        }

        public Settings withTimeouts(Duration connect, Duration socket) {
            return new Settings(region, credentials, endpoint, connect, socket, s3PathStyle, httpClient);
        }

        public Settings withHttpClient(SdkHttpClient client) {
            return new Settings(region, credentials, endpoint, connectTimeout, socketTimeout, s3PathStyle,
                    Optional.of(client));
        }

        private static void requirePositive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + duration);
            }
        }
    }

    /** A Firehose client for {@code FirehoseRowSink}. */
    public static FirehoseClient firehose(Settings settings) {
        return firehose(settings, List.of());
    }

    /** A Firehose client for {@code FirehoseRowSink} whose calls also go through {@code interceptors} (metrics). */
    public static FirehoseClient firehose(Settings settings, List<ExecutionInterceptor> interceptors) {
        var builder = FirehoseClient.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(oneAttempt(settings, interceptors));
        settings.endpoint().ifPresent(builder::endpointOverride);
        settings.httpClient().ifPresentOrElse(builder::httpClient,
                () -> builder.httpClientBuilder(httpClient(settings)));
        return builder.build();
    }

    /** An S3 client for {@code S3DeadLetterSink}. */
    public static S3Client s3(Settings settings) {
        return s3(settings, List.of());
    }

    /** An S3 client for {@code S3DeadLetterSink} whose calls also go through {@code interceptors} (metrics). */
    public static S3Client s3(Settings settings, List<ExecutionInterceptor> interceptors) {
        var builder = S3Client.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(oneAttempt(settings, interceptors))
                .forcePathStyle(settings.s3PathStyle());
        settings.endpoint().ifPresent(builder::endpointOverride);
        settings.httpClient().ifPresentOrElse(builder::httpClient,
                () -> builder.httpClientBuilder(httpClient(settings)));
        return builder.build();
    }

    /** A Secrets Manager client for {@code SecretsManagerSecretStore}. */
    public static SecretsManagerClient secretsManager(Settings settings) {
        var builder = SecretsManagerClient.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .overrideConfiguration(oneAttempt(settings, List.of()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        settings.httpClient().ifPresentOrElse(builder::httpClient,
                () -> builder.httpClientBuilder(httpClient(settings)));
        return builder.build();
    }

    private static UrlConnectionHttpClient.Builder httpClient(Settings settings) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.socketTimeout());
    }

    private static ClientOverrideConfiguration oneAttempt(Settings settings, List<ExecutionInterceptor> interceptors) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallTimeout(settings.socketTimeout())
                .executionInterceptors(List.copyOf(interceptors))
                .build();
    }
}
