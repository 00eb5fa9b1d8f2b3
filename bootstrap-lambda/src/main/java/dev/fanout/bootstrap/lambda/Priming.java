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
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>It runs at init ({@link Warmup}) in two halves, one per core: on the init thread the domain (it needs no
 * client) and the rows' path, while a background thread makes the function's SDK clients and then runs the dead
 * letters' and the metrics' paths. A failure never fails init or an invocation: it only leaves that work to the first
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
    private final PrimingHttpClient firehoseHttp = PrimingHttpClient.firehose();
    private final PrimingHttpClient s3Http = PrimingHttpClient.s3();
    private final PrimingHttpClient cloudWatchHttp = PrimingHttpClient.cloudWatch();
    private final AtomicBoolean rowsStarted = new AtomicBoolean();
    private final AtomicBoolean restStarted = new AtomicBoolean();
    /** What the domain made of the synthetic event: the rows half makes it, the other half sends some of it. */
    private final CompletableFuture<Synthetic> made = new CompletableFuture<>();
    private final CompletableFuture<Half> rowsHalf = new CompletableFuture<>();
    private final CompletableFuture<Half> restHalf = new CompletableFuture<>();

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

    /**
     * The first half, once: the synthetic event fanned out (the domain, which needs no SDK client) and its rows
     * sent through a priming Firehose client (or packed as the handler answers them, when it sends none itself).
     */
    void primeRows() {
        if (!rowsStarted.compareAndSet(false, true)) {
            return;
        }
        long rows = 0;
        Optional<Throwable> failure = Optional.empty();
        try {
            Synthetic synthetic = fanOutSyntheticEvent();
            made.complete(synthetic);
            if (config.rowsStream().isPresent()) {
                FirehoseClient firehose = FirehoseClientModule.firehose(config, primingSettings(firehoseHttp),
                        uncounted());
                try (firehose) {
                    rows = writeRows(firehose, synthetic.rows());
                }
            } else {
                packing.get().pack(synthetic.rows());
            }
        } catch (RuntimeException | LinkageError e) {
            // Priming is an optimisation: whatever it did not do, the first invocation does.
            made.completeExceptionally(e);
            failure = Optional.of(e);
        }
        rowsHalf.complete(new Half(rows, 0, false, failure));
    }

    /**
     * The second half, once: the synthetic event's dead letter through a priming S3 client and its metrics through
     * a priming CloudWatch client. Waits for the first half's fan-out (it sends what that made).
     */
    void primeDeadLettersAndMetrics() {
        if (!restStarted.compareAndSet(false, true)) {
            return;
        }
        long deadLetters = 0;
        boolean metrics = false;
        Optional<Throwable> failure = Optional.empty();
        try {
            Synthetic synthetic = made.join();
            try (S3Client s3 = AwsModule.s3(config, primingSettings(s3Http), uncounted())) {
                deadLetters = writeDeadLetters(s3, synthetic.deadLetters());
            }
            if (config.metrics()) {
                try (CloudWatchClient cloudWatch = AwsModule.cloudWatch(config, FAKE_CREDENTIALS,
                        Optional.of(cloudWatchHttp))) {
                    metrics = new CloudWatchMetrics(cloudWatch, config.metricsNamespace(), AwsModule.METRICS_TIMEOUT)
                            .publish(synthetic.stats());
                }
            }
        } catch (CompletionException e) {
            failure = Optional.of(e.getCause());
        } catch (RuntimeException | LinkageError e) {
            failure = Optional.of(e);
        }
        restHalf.complete(new Half(0, deadLetters, metrics, failure));
    }

    /** Primes what was not primed yet, here; waits for what another thread is priming; what it all did. */
    Outcome await() {
        primeRows();
        primeDeadLettersAndMetrics();
        Half rows = rowsHalf.join();
        Half rest = restHalf.join();
        return new Outcome(rows.rows(), rest.deadLetters(), rest.metrics(), firehoseHttp.calls(), s3Http.calls(),
                cloudWatchHttp.calls(), rows.failure().or(rest::failure));
    }

    /**
     * The hot path again and again, for the JIT rather than the class loader: the synthetic event read
     * and fanned out, its rows sent through a priming Firehose client (or packed), up to {@code rounds} times or until
     * {@code until}. Before a SnapStart snapshot this lets the compilers, C2 included when the function runs it,
     * compile what every batch runs, so that restored environments start with compiled code. Nothing leaves the
     * process and nothing is counted, as in {@link #await()}.
     *
     * @return the rounds done
     */
    int exercise(int rounds, Instant until) {
        byte[] event = SYNTHETIC_EVENT.getBytes(StandardCharsets.UTF_8);
        int done = 0;
        FirehoseClient firehose = config.rowsStream().isPresent()
                ? FirehoseClientModule.firehose(config, primingSettings(firehoseHttp), uncounted()) : null;
        try {
            while (done < rounds && clock.instant().isBefore(until)) {
                Synthetic synthetic = fanOutEvent(event);
                if (firehose != null) {
                    writeRows(firehose, synthetic.rows());
                } else {
                    packing.get().pack(synthetic.rows());
                }
                done++;
            }
        } finally {
            if (firehose != null) {
                firehose.close();
            }
        }
        return done;
    }

    private AwsClients.Settings primingSettings(PrimingHttpClient http) {
        return AwsClients.Settings.of(config.region(), FAKE_CREDENTIALS).withHttpClient(http);
    }

    /** Call counters of the priming clients' own, never the function's. */
    private static DeliveryMeter.SdkCalls uncounted() {
        return new DeliveryMeter.SdkCalls(new SdkCallStats(), new SdkCallStats());
    }

    /** The synthetic event read and every bundle fanned out, as an invocation reads and fans out its event. */
    private Synthetic fanOutSyntheticEvent() {
        return fanOutEvent(SYNTHETIC_EVENT.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code event} read and every bundle fanned out, as an invocation reads and fans out its event. */
    private Synthetic fanOutEvent(byte[] event) {
        List<EncodedRow> rows = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        Map<RejectionReason, Long> rejected = new EnumMap<>(RejectionReason.class);
        long bundles = 0;
        long deadBundles = 0;
        long points = 0;
        try (BundleSource source = new PipesEventBundleSource(
                new Payload(event), PipeTarget.NO_KAFKA_PROVENANCE)) {
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

    private static String record(int offset, String value) {
        return "{\"eventSource\":\"aws:kafka\",\"topic\":\"priming\",\"partition\":0,\"offset\":" + offset
                + ",\"timestamp\":1763700000000,\"timestampType\":\"CREATE_TIME\",\"value\":\""
                + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\",\"headers\":[]}";
    }

    /** What the domain made of the synthetic event, for the priming clients to send. */
    private record Synthetic(List<EncodedRow> rows, List<DeadLetter> deadLetters, InvocationStats stats) {
    }

    /** What one half of the priming did. */
    private record Half(long rows, long deadLetters, boolean metrics, Optional<Throwable> failure) {
    }
}
