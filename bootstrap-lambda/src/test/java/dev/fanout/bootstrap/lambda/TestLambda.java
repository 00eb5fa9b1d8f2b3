package dev.fanout.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.fanout.adapters.aws.pipes.PipesEventDecoder;
import dev.fanout.domain.batch.Backoff;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.domain.batch.Sleeper;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.in.BundleOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** What the Lambda tests share: a configuration, the recorded sample event, an invocation with a captured log. */
final class TestLambda {

    static final Path SAMPLE_EVENT = Path.of("..", "samples", "pipes-event.json");

    private TestLambda() {
    }

    /** The smallest valid environment of a handler that writes rows, plus {@code extra}. */
    static Map<String, String> environment(String... extra) {
        Map<String, String> env = new HashMap<>(Map.of("FANOUT_ROWS_STREAM", "rows-stream",
                "FANOUT_DEAD_LETTER_BUCKET", "data-bucket", "AWS_REGION", "eu-west-1"));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    static LambdaConfig config(String... extra) {
        return LambdaConfig.of(environment(extra), HandlerKind.TARGET);
    }

    static Payload sampleEvent() {
        try {
            return new Payload(Files.readAllBytes(SAMPLE_EVENT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the domain makes of every record of {@code event}, in order. */
    static List<BundleOutcome> domainOutcomes(Payload event, LambdaConfig config) {
        BundleFanOut fanOut = new BundleFanOut(config.fanOut());
        List<BundleOutcome> outcomes = new ArrayList<>();
        for (BundleEnvelope envelope : new PipesEventDecoder().decode(event, PipeTarget.NO_KAFKA_PROVENANCE)
                .orElseThrow()) {
            outcomes.add(fanOut.fanOut(envelope));
        }
        return outcomes;
    }

    /** Retries until the deadline on the real clock, with seeded jitter. */
    static RetryPolicy policy() {
        return RetryPolicy.untilDeadline(Backoff.DEFAULT, InstantSource.system(), Sleeper.THREAD,
                new SplittableRandom(7));
    }

    /** A meter over the given sinks, without SDK clients. */
    static DeliveryMeter meter(Optional<RetryingRowSink> rows, RetryingDeadLetterSink deadLetters) {
        return new DeliveryMeter(rows, deadLetters, new DeliveryMeter.SdkCalls(new SdkCallStats(), new SdkCallStats()));
    }

    /** A logger that keeps the lines. */
    static final class Lines implements LambdaLogger {
        final List<String> lines = new ArrayList<>();

        @Override
        public void log(String message) {
            lines.add(message);
        }

        @Override
        public void log(byte[] message) {
            lines.add(new String(message, StandardCharsets.UTF_8).stripTrailing());
        }
    }

    static Invocation invocation(Instant deadline, Lines log) {
        return new Invocation("req-1", deadline, new JsonLog(log, "test", "req-1"));
    }
}
