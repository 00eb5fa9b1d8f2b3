package dev.fanout.bootstrap.lambda;

import dev.fanout.adapters.aws.s3.S3DeadLetterSink;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.domain.service.Profile;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;

/**
 * The function's settings, read once at init from its environment ({@link #processEnvironment}, the one place
 * in the Lambda that reads environment variables). A missing or invalid value throws {@link ConfigException} naming
 * the variable. The variables (docs/architecture.md, "The Lambda"):
 * <ul>
 * <li>{@code FANOUT_ROWS_STREAM}: the Firehose stream name; required by the target and the enrichment;</li>
 * <li>{@code FANOUT_DEAD_LETTER_BUCKET} (required) and {@code FANOUT_DEAD_LETTER_PREFIX} (optional): dead letters
 * at {@code s3://BUCKET/PREFIX/dead-letters/reason=<reason>/<name>.jsonl.gz};</li>
 * <li>{@code FANOUT_ORG_ID}, {@code FANOUT_ORG_KEY}, {@code FANOUT_PROFILE} ({@code lmdp}|{@code otel}) and the
 * input limits {@code FANOUT_MAX_BUNDLE_BYTES}, {@code FANOUT_MAX_POINTS}, {@code FANOUT_MAX_DEPTH},
 * {@code FANOUT_MAX_STRING_LENGTH}, {@code FANOUT_RECORD_LIMIT}: what the command line's flags of the same names
 * mean;</li>
 * <li>{@code FANOUT_METRICS} ({@code cloudwatch}, the default, or {@code off}), {@code FANOUT_METRICS_NAMESPACE}
 * (default {@code Fanout});</li>
 * <li>{@code FANOUT_SAFETY_MARGIN}: time kept back from the invocation's deadline (e.g. {@code 5s}); by default a
 * fifth of the remaining time, at most 5 s;</li>
 * <li>{@code AWS_REGION} (required) and the endpoint overrides {@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_FIREHOSE}, {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_CLOUDWATCH}; S3 is
 * addressed path-style whenever its endpoint is overridden.</li>
 * </ul>
 *
 * @param rowsStream        the Firehose stream rows go to, when the handler writes rows itself
 * @param deadLetters       the bucket and prefix of the dead letters
 * @param fanOut            org id rule, profile and limits
 * @param metrics           whether to publish CloudWatch metrics
 * @param metricsNamespace  their namespace
 * @param safetyMargin      time kept back from the deadline, when set
 * @param region            the region of the stream, the bucket and CloudWatch
 * @param endpoints         endpoint overrides
 * @param lambdaCredentials whether the process runs in Lambda, whose credentials are in its environment
 */
record LambdaConfig(Optional<String> rowsStream, S3DeadLetterSink.Settings deadLetters, FanOutSettings fanOut,
                    boolean metrics, String metricsNamespace, Optional<Duration> safetyMargin, Region region,
                    Endpoints endpoints, boolean lambdaCredentials) {

    static final String ROWS_STREAM = "FANOUT_ROWS_STREAM";
    static final String DEAD_LETTER_BUCKET = "FANOUT_DEAD_LETTER_BUCKET";
    static final String DEAD_LETTER_PREFIX = "FANOUT_DEAD_LETTER_PREFIX";
    static final String ORG_ID = "FANOUT_ORG_ID";
    static final String ORG_KEY = "FANOUT_ORG_KEY";
    static final String PROFILE = "FANOUT_PROFILE";
    static final String MAX_BUNDLE_BYTES = "FANOUT_MAX_BUNDLE_BYTES";
    static final String MAX_POINTS = "FANOUT_MAX_POINTS";
    static final String MAX_DEPTH = "FANOUT_MAX_DEPTH";
    static final String MAX_STRING_LENGTH = "FANOUT_MAX_STRING_LENGTH";
    static final String RECORD_LIMIT = "FANOUT_RECORD_LIMIT";
    static final String METRICS = "FANOUT_METRICS";
    static final String METRICS_NAMESPACE = "FANOUT_METRICS_NAMESPACE";
    static final String SAFETY_MARGIN = "FANOUT_SAFETY_MARGIN";
    static final String REGION = "AWS_REGION";
    static final String ENDPOINT = "AWS_ENDPOINT_URL";
    static final String ENDPOINT_FIREHOSE = "AWS_ENDPOINT_URL_FIREHOSE";
    static final String ENDPOINT_S3 = "AWS_ENDPOINT_URL_S3";
    static final String ENDPOINT_CLOUDWATCH = "AWS_ENDPOINT_URL_CLOUDWATCH";
    /** Set by the Lambda runtime; its presence says the credentials are the function role's, in the environment. */
    static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

    /** The default time kept back: a fifth of the remaining time, at most this. */
    static final Duration MAX_DEFAULT_MARGIN = Duration.ofSeconds(5);

    LambdaConfig {
        Objects.requireNonNull(rowsStream, "rowsStream");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(fanOut, "fanOut");
        Objects.requireNonNull(metricsNamespace, "metricsNamespace");
        Objects.requireNonNull(safetyMargin, "safetyMargin");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoints, "endpoints");
    }

    /** Endpoints that replace the SDK's (a local fake, LocalStack); empty for AWS itself. */
    record Endpoints(Optional<URI> firehose, Optional<URI> s3, Optional<URI> cloudWatch) {
        Endpoints {
            Objects.requireNonNull(firehose, "firehose");
            Objects.requireNonNull(s3, "s3");
            Objects.requireNonNull(cloudWatch, "cloudWatch");
        }

        static Endpoints none() {
            return new Endpoints(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** This process's environment variables: the one place the Lambda reads them ({@link LambdaInit} at init). */
    static Map<String, String> processEnvironment() {
        return System.getenv();
    }

    /**
     * The settings that {@code environment} describes.
     *
     * @throws ConfigException naming the first variable that is missing or invalid
     */
    static LambdaConfig of(Map<String, String> environment, HandlerKind kind) {
        Function<String, Optional<String>> get = name -> Optional.ofNullable(environment.get(name))
                .map(String::strip).filter(v -> !v.isEmpty());
        Optional<String> stream = get.apply(ROWS_STREAM);
        if (kind.needsRowsStream() && stream.isEmpty()) {
            throw new ConfigException(ROWS_STREAM, "required: the name of the Firehose stream rows go to");
        }
        stream.ifPresent(name -> {
            if (!name.matches("[a-zA-Z0-9_.-]{1,64}")) {
                throw new ConfigException(ROWS_STREAM, "a Firehose stream name has 1-64 characters of [a-zA-Z0-9_.-],"
                        + " got '" + name + "'");
            }
        });
        String bucket = get.apply(DEAD_LETTER_BUCKET).orElseThrow(() -> new ConfigException(DEAD_LETTER_BUCKET,
                "required: the S3 bucket dead letters go to"));
        String prefix = get.apply(DEAD_LETTER_PREFIX).orElse("");
        S3DeadLetterSink.Settings deadLetters;
        try {
            deadLetters = S3DeadLetterSink.Settings.of(bucket, "");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(DEAD_LETTER_BUCKET, e.getMessage());
        }
        try {
            deadLetters = S3DeadLetterSink.Settings.of(bucket, prefix);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(DEAD_LETTER_PREFIX, e.getMessage());
        }
        FanOutSettings fanOut = fanOut(get);
        String metrics = get.apply(METRICS).orElse("cloudwatch").toLowerCase(Locale.ROOT);
        if (!metrics.equals("cloudwatch") && !metrics.equals("off")) {
            throw new ConfigException(METRICS, "takes cloudwatch or off, got '" + metrics + "'");
        }
        String namespace = get.apply(METRICS_NAMESPACE).orElse("Fanout");
        if (namespace.length() > 255 || namespace.startsWith(":") || !namespace.matches("[A-Za-z0-9 ._/#:-]+")) {
            throw new ConfigException(METRICS_NAMESPACE, "not a CloudWatch namespace: '" + namespace + "'");
        }
        Optional<Duration> margin = parsed(get, SAFETY_MARGIN, Sizes::duration);
        Region region = Region.of(get.apply(REGION).orElseThrow(() -> new ConfigException(REGION,
                "required: the region of the stream, the bucket and CloudWatch (the Lambda runtime sets it)")));
        Optional<URI> common = parsed(get, ENDPOINT, LambdaConfig::endpoint);
        Endpoints endpoints = new Endpoints(parsed(get, ENDPOINT_FIREHOSE, LambdaConfig::endpoint).or(() -> common),
                parsed(get, ENDPOINT_S3, LambdaConfig::endpoint).or(() -> common),
                parsed(get, ENDPOINT_CLOUDWATCH, LambdaConfig::endpoint).or(() -> common));
        return new LambdaConfig(stream, deadLetters, fanOut, metrics.equals("cloudwatch"), namespace, margin, region,
                endpoints, get.apply(FUNCTION_NAME).isPresent());
    }

    private static FanOutSettings fanOut(Function<String, Optional<String>> get) {
        FanOutSettings.Limits defaults = FanOutSettings.Limits.defaults();
        long maxBundleBytes = parsed(get, MAX_BUNDLE_BYTES, Sizes::bytes).orElse(defaults.maxBundleBytes());
        int maxPoints = parsed(get, MAX_POINTS, Integer::parseInt).orElse(defaults.maxPoints());
        int maxDepth = parsed(get, MAX_DEPTH, Integer::parseInt).orElse(defaults.maxDepth());
        int maxString = parsed(get, MAX_STRING_LENGTH, Integer::parseInt).orElse(defaults.maxStringChars());
        long recordLimit = parsed(get, RECORD_LIMIT, Sizes::bytes).orElse((long) defaults.maxRowBytes());
        FanOutSettings.Limits limits;
        try {
            limits = new FanOutSettings.Limits(maxBundleBytes, maxDepth, maxPoints, maxString,
                    Math.toIntExact(recordLimit));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigException(limitVariable(e.getMessage()), e.getMessage());
        }
        Profile profile = parsed(get, PROFILE, Profile::fromName).orElse(Profile.LMDP);
        return new FanOutSettings(get.apply(ORG_ID), get.apply(ORG_KEY), profile, limits);
    }

    /** Which limit variable a {@code FanOutSettings.Limits} complaint is about. */
    private static String limitVariable(String message) {
        String text = String.valueOf(message);
        if (text.startsWith("maxBundleBytes")) {
            return MAX_BUNDLE_BYTES;
        }
        if (text.startsWith("maxDepth")) {
            return MAX_DEPTH;
        }
        if (text.startsWith("maxPoints")) {
            return MAX_POINTS;
        }
        if (text.startsWith("maxStringChars")) {
            return MAX_STRING_LENGTH;
        }
        return RECORD_LIMIT;
    }

    private static <T> Optional<T> parsed(Function<String, Optional<String>> get, String variable,
                                          Function<String, T> parser) {
        Optional<String> value = get.apply(variable);
        try {
            return value.map(parser);
        } catch (IllegalArgumentException e) {
            String why = e instanceof NumberFormatException ? "'" + value.get() + "' is not a whole number"
                    : e.getMessage();
            throw new ConfigException(variable, why);
        }
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException("an endpoint needs a scheme and a host, got '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + value + "'", e);
        }
    }

    /**
     * The time kept back from an invocation with {@code remaining} time left: the configured margin, else a fifth
     * of the remaining time, at most {@link #MAX_DEFAULT_MARGIN}.
     */
    Duration marginFor(Duration remaining) {
        return safetyMargin.orElseGet(() -> {
            Duration fifth = remaining.dividedBy(5);
            return fifth.compareTo(MAX_DEFAULT_MARGIN) < 0 ? fifth : MAX_DEFAULT_MARGIN;
        });
    }
}
