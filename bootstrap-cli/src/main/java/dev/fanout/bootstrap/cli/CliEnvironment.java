package dev.fanout.bootstrap.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * What {@code fanout} takes from its process instead of its arguments, read once at start-up by
 * {@link #fromProcess()}: the one place in the command line that reads environment variables or system
 * properties. Tests build their own, so they never touch the process's environment.
 *
 * <p>Endpoints are deliberately not read here: without {@code --endpoint-url} the AWS SDK resolves them
 * itself, honouring {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_FIREHOSE} and {@code AWS_ENDPOINT_URL_S3}.
 *
 * @param awsRegion   {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION} (the AWS CLI's name), if set
 * @param progress    the progress mode when {@code --progress} is absent ({@code -Dfanout.progress}, which the
 *                    launcher sets to {@code auto} when stderr is a terminal)
 * @param credentials where AWS credentials come from; only called when a replay goes to AWS, so a local
 *                    replay never looks for any
 * @param nativeLibraries whether to use the system's libcrypto (SHA-256, {@link NativeSha256}) and libdeflate
 *                    (gzip) when they load; {@code -Dfanout.native=off} keeps the JDK's own code for both
 */
record CliEnvironment(Optional<String> awsRegion, ProgressMode progress, Supplier<AwsCredentialsProvider> credentials,
        boolean nativeLibraries) {

    /** {@code -Dfanout.native=off}: no native libraries, the JDK's SHA-256 and zlib only. */
    static final String NATIVE_PROPERTY = "fanout.native";

    CliEnvironment {
        Objects.requireNonNull(awsRegion, "awsRegion");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** The environment of this process, with the SDK's default credentials chain. */
    static CliEnvironment fromProcess() {
        return of(System.getenv(), System.getProperties());
    }

    /** The environment that {@code variables} and {@code properties} describe. */
    static CliEnvironment of(Map<String, String> variables, Properties properties) {
        Optional<String> region = nonBlank(variables.get("AWS_REGION"))
                .or(() -> nonBlank(variables.get("AWS_DEFAULT_REGION")));
        // The chain reads the AWS_* variables, profiles and instance roles itself, lazily, at the first call.
        return new CliEnvironment(region, progress(properties.getProperty("fanout.progress")),
                () -> DefaultCredentialsProvider.builder().build(),
                !"off".equalsIgnoreCase(properties.getProperty(NATIVE_PROPERTY, "").strip()));
    }

    private static ProgressMode progress(String value) {
        if (value == null) {
            return ProgressMode.NEVER;
        }
        try {
            return ProgressMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // Only the launcher sets it; a bar is a nicety, so an unknown value means none rather than a failure.
            return ProgressMode.NEVER;
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
