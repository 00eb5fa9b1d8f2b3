package dev.fanout.bootstrap.lambda;

import dev.fanout.ports.Payload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * The Pipe target as its handler runs it ({@link PipeTargetHandler#handleRequest}): the function's configuration
 * and Dagger wiring ({@link BenchmarkPipeTargetComponent}), the event read from a stream, the invocation with its
 * deadline and JSON log lines (rendered, then dropped, as the runtime's logger would take them), the response
 * written. Only the Firehose client and the dead-letter store differ: the caller's, and a counter.
 */
public final class BenchmarkedPipeTarget {

    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    private static final PrintStream NO_LOG = new PrintStream(OutputStream.nullOutputStream());

    private final LambdaConfig config;
    private final PipeTarget target;
    private final Priming priming;
    private long invocations;

    private BenchmarkedPipeTarget(LambdaConfig config, PipeTarget target, Priming priming) {
        this.config = config;
        this.target = target;
        this.priming = priming;
    }

    /** The target the function's {@code environment} configures, writing rows to {@code firehose}. */
    public static BenchmarkedPipeTarget of(Map<String, String> environment, FirehoseClient firehose) {
        LambdaConfig config = LambdaConfig.of(environment, HandlerKind.TARGET);
        BenchmarkPipeTargetComponent component = DaggerBenchmarkPipeTargetComponent.factory().create(config, firehose);
        return new BenchmarkedPipeTarget(config, component.target(), component.priming());
    }

    /**
     * What the function does before a SnapStart snapshot ({@link SnapStartHooks#beforeCheckpoint}): the init's
     * priming, then, when {@code compile}, the hot path for the JIT
     * ({@link SnapStartHooks#compileHotPath}).
     */
    public void primeAsBeforeASnapshot(boolean compile) {
        priming.await();
        if (compile) {
            SnapStartHooks.compileHotPath(priming, InstantSource.system());
        }
    }

    /** One invocation on {@code event}: the response, as the handler writes it. */
    public byte[] invoke(InputStream event) {
        Invocation invocation = Invocation.of(new LocalContext("bench-" + ++invocations, TIMEOUT,
                InstantSource.system(), NO_LOG), HandlerKind.TARGET, config, InstantSource.system());
        try {
            Payload payload = new Payload(event.readAllBytes());
            TargetSummary summary = Invocations.run(invocation, () -> target.handle(payload, invocation));
            ByteArrayOutputStream response = new ByteArrayOutputStream(256);
            summary.writeTo(response);
            return response.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
