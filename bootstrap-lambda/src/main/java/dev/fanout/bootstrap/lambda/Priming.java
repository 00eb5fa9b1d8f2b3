package dev.fanout.bootstrap.lambda;

import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.firehose.FirehoseRowSink;
import dev.fanout.adapters.aws.pipes.PipesEventBundleSource;
import dev.fanout.adapters.aws.s3.S3DeadLetterSink;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.Payload;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.in.BundleOutcome;
import dev.fanout.ports.in.FanOutBundle;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The first invocation's work, done once at init on a synthetic Pipes event, so that the classes, lambdas and
 * caches it needs are ready before the first real event: the event read, every bundle fanned out, rows to
 * Firehose, a dead letter to S3 and the metrics to CloudWatch, each through an SDK client
 * built exactly like the function's own (same module code, region, endpoint and interceptors) but over a
 * {@link PrimingHttpClient} that answers in memory, with fake static credentials. Nothing leaves the process,
 * nothing is counted in the function's meters (the priming clients and sinks are its own) and nothing is logged.
 *
 * <p>It runs at init ({@link Warmup}) while a background thread makes the function's SDK clients: the domain first
 * (it needs no client), then the three request paths, their priming clients made alongside the function's own
 * (whichever comes first loads the SDK's classes for both). A failure never fails init or an invocation: it only leaves that work to the first
 * invocation, and shows in {@link Outcome#failure()}.
 */
@Singleton
final class Priming {

    /** An LMDP-like bundle with two points of one metric, enough to walk every stage once. */
    static final String SYNTHETIC_BUNDLE = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":["
            + "{\"key\":\"hostName\",\"value\":{\"stringValue\":\"priming\"}},"
            + "{\"key\":\"hostId\",\"value\":{\"stringValue\":\"1\"}}]},"
            + "\"scopeMetrics\":[{\"scope\":{\"name\":\"priming\"},\"metrics\":[{\"name\":\"priming\",\"gauge\":{"
            + "\"dataPoints\":[{\"timeUnixNano\":\"1763700000000000000\",\"asDouble\":1.5,"
            + "\"attributes\":[{\"key\":\"instance\",\"value\":{\"stringValue\":\"a\"}}]},"
            + "{\"timeUnixNano\":\"1763700000000000000\",\"asInt\":\"2\"}]}}]}]}]}";

    /** A Pipes Kafka event of two records: the synthetic bundle (two rows) and a record that is no bundle. */
    static final String SYNTHETIC_EVENT = "[" + record(0, SYNTHETIC_BUNDLE) + "," + record(1, "not a bundle") + "]";

    /** The priming clients' credentials: never sent anywhere, never the function's. */
    static final StaticCredentialsProvider FAKE_CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("FANOUTPRIMING", "fanout-priming-not-a-secret"));

    /** Long enough for any priming write; nothing waits on it. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final LambdaConfig config;
    private final Provider<FanOutBundle> fanOut;
    private final Provider<RetryPolicy> policy;
    private final Provider<RowPacking> packing;
    private final InstantSource clock;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private boolean started;

    /**
     * What priming did: rows, dead letters and metrics written through the in-memory transport, the requests
     * each priming client answered, and the failure that stopped it, if any.
     */
    record Outcome(long rows, long deadLetters, boolean metrics, int firehoseRequests, int s3Requests,
                   int cloudWatchRequests, Optional<Throwable> failure) {

        Outcome {
            Objects.requireNonNull(failure, "failure");
        }
    }

    @Inject
    Priming(LambdaConfig config, Provider<FanOutBundle> fanOut, Provider<RetryPolicy> policy,
            Provider<RowPacking> packing, InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.fanOut = fanOut;
        this.policy = policy;
        this.packing = packing;
        this.clock = clock;
    }

    /** Primes, once (on the first caller's thread; others wait for it); what it did. */
    Outcome await() {
        boolean runHere;
        synchronized (this) {
            runHere = !started;
            started = true;
        }
        if (runHere) {
            outcome.complete(run());
        }
        return outcome.join();
    }

    private Outcome run() {
        PrimingHttpClient firehoseHttp = PrimingHttpClient.firehose();
        PrimingHttpClient s3Http = PrimingHttpClient.s3();
        PrimingHttpClient cloudWatchHttp = PrimingHttpClient.cloudWatch();
        List<AutoCloseable> clients = new ArrayList<>();
        long rows = 0;
        long deadLetters = 0;
        boolean metrics = false;
        Optional<Throwable> failure = Optional.empty();
        try {
            // The domain first: it needs no SDK client, so it runs while init makes the function's clients.
            Synthetic made = fanOutSyntheticEvent();
            // Then what the first invocation sends, through clients made like the function's own.
            AwsClients.Settings aws = AwsClients.Settings.of(config.region(), FAKE_CREDENTIALS);
            DeliveryMeter.SdkCalls uncounted = new DeliveryMeter.SdkCalls(new SdkCallStats(), new SdkCallStats());
            if (config.rowsStream().isPresent()) {
                FirehoseClient firehose = FirehoseRowsModule.firehose(config, aws.withHttpClient(firehoseHttp),
                        uncounted);
                clients.add(firehose);
                rows = writeRows(firehose, made.rows());
            } else {
                packing.get().pack(made.rows());
            }
            S3Client s3 = AwsModule.s3(config, aws.withHttpClient(s3Http), uncounted);
            clients.add(s3);
            deadLetters = writeDeadLetters(s3, made.deadLetters());
            if (config.metrics()) {
                CloudWatchClient cloudWatch = AwsModule.cloudWatch(config, FAKE_CREDENTIALS,
                        Optional.of(cloudWatchHttp));
                clients.add(cloudWatch);
                metrics = new CloudWatchMetrics(cloudWatch, config.metricsNamespace(), AwsModule.METRICS_TIMEOUT)
                        .publish(made.stats());
            }
        } catch (RuntimeException | LinkageError e) {
            // Priming is an optimisation: whatever it did not do, the first invocation does.
            failure = Optional.of(e);
        } finally {
            clients.forEach(Priming::close);
        }
        return new Outcome(rows, deadLetters, metrics, firehoseHttp.calls(), s3Http.calls(), cloudWatchHttp.calls(),
                failure);
    }

    /** The synthetic event read and every bundle fanned out, as an invocation reads and fans out its event. */
    private Synthetic fanOutSyntheticEvent() {
        List<EncodedRow> rows = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        Map<RejectionReason, Long> rejected = new EnumMap<>(RejectionReason.class);
        long bundles = 0;
        long deadBundles = 0;
        long points = 0;
        try (BundleSource source = new PipesEventBundleSource(
                new Payload(SYNTHETIC_EVENT.getBytes(StandardCharsets.UTF_8)), PipeTarget.NO_KAFKA_PROVENANCE)) {
            for (Optional<BundleEnvelope> next = source.next(); next.isPresent(); next = source.next()) {
                BundleOutcome outcome = fanOut.get().fanOut(next.get());
                bundles++;
                deadBundles += outcome.bundleDead() ? 1 : 0;
                points += outcome.pointsWalked();
                rows.addAll(outcome.rows());
                deadLetters.addAll(outcome.deadLetters());
                outcome.deadLetters().forEach(letter -> rejected.merge(letter.reason(), 1L, Long::sum));
            }
        }
        return new Synthetic(rows, deadLetters, new InvocationStats(bundles, deadBundles, points, rows.size(), rejected,
                0, 0, DeliveryCounts.NONE, Duration.ZERO));
    }

    private long writeRows(FirehoseClient firehose, List<EncodedRow> rowsMade) {
        RetryingRowSink sink = new RetryingRowSink(new FirehoseRowSink(firehose,
                FirehoseRowSink.Settings.packed(config.rowsStream().orElseThrow()), clock), policy.get());
        sink.write(rowsMade, clock.instant().plus(DEADLINE));
        return sink.tally().written();
    }

    private long writeDeadLetters(S3Client s3, List<DeadLetter> lettersMade) {
        RetryingDeadLetterSink sink = new RetryingDeadLetterSink(
                new S3DeadLetterSink(s3, config.deadLetters(), clock), policy.get());
        sink.write(lettersMade, clock.instant().plus(DEADLINE));
        return sink.tally().written();
    }

    private static void close(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            // an in-memory client has nothing to release
        }
    }

    private static String record(int offset, String value) {
        return "{\"eventSource\":\"aws:kafka\",\"topic\":\"priming\",\"partition\":0,\"offset\":" + offset
                + ",\"timestamp\":1763700000000,\"timestampType\":\"CREATE_TIME\",\"value\":\""
                + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\",\"headers\":[]}";
    }

    /** What the domain made of the synthetic event, for the priming clients to send. */
    private record Synthetic(List<EncodedRow> rows, List<DeadLetter> deadLetters, InvocationStats stats) {
    }
}
