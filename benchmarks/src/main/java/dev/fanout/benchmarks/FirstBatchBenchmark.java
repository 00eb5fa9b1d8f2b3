package dev.fanout.benchmarks;

import dev.fanout.bootstrap.lambda.BenchmarkedPipeTarget;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first 6 MB batch of an environment restored from a SnapStart snapshot, which holds what the function did before
 * the snapshot ({@code SnapStartHooks.beforeCheckpoint}): the init's priming on a synthetic event, then
 * the hot path run for the JIT ({@code SnapStartHooks.JIT_ROUNDS} rounds of the synthetic event). Each fork is
 * one such environment: it primes, then times one batch ({@link PipeTargetBenchmark}'s batch and wiring; the network
 * left out). Without {@code compileHotPath} the batch runs on what priming alone left (mostly interpreted and C1
 * code); with it, on what the compilers made of the rounds. A restore itself cannot be run here; what the snapshot holds is the same.
 *
 * <pre>taskset -c 1 java -jar benchmarks/target/benchmarks.jar FirstBatchBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class FirstBatchBenchmark {

    private static final Map<String, String> ENVIRONMENT = Map.of("FANOUT_ROWS_STREAM", "bench",
            "FANOUT_DEAD_LETTER_BUCKET", "bench", "AWS_REGION", "us-west-2", "FANOUT_METRICS", "off");

    /** Whether the hot path ran for the JIT before the snapshot, as the function does, or priming alone. */
    @Param({"false", "true"})
    public boolean compileHotPath;

    private byte[] event;
    private CountingFirehose firehose;
    private BenchmarkedPipeTarget target;

    @Setup(Level.Trial)
    public void primeAsBeforeASnapshot() {
        event = PipesBatch.of(BundleCorpus.read(Path.of("samples/lmdp-bundles.jsonl.gz")), 160);
        firehose = new CountingFirehose();
        target = BenchmarkedPipeTarget.of(ENVIRONMENT, firehose);
        target.primeAsBeforeASnapshot(compileHotPath);
    }

    /** With C1 and C2, as the function runs with {@code lambdaJit=c2} (the stack's default). */
    @Benchmark
    @Fork(value = 10, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1"})
    public byte[] c2() {
        return firstBatch();
    }

    /** With C1 only, the java21 runtime's default ({@code lambdaJit=c1}). */
    @Benchmark
    @Fork(value = 10, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1",
            "-XX:TieredStopAtLevel=1"})
    public byte[] c1Only() {
        return firstBatch();
    }

    private byte[] firstBatch() {
        byte[] response = target.invoke(new ByteArrayInputStream(event));
        if (firehose.calls == 0) {
            throw new IllegalStateException("no rows sent");
        }
        return response;
    }
}
