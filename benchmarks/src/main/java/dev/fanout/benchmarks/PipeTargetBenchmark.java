package dev.fanout.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.fanout.bootstrap.lambda.BenchmarkedPipeTarget;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Pipe target's work on one 6 MB Pipes batch, warm, as its handler runs it: the function's configuration and
 * Dagger wiring (bootstrap-lambda {@code CoreModule}, {@code FirehoseRowsModule}; {@link BenchmarkedPipeTarget}),
 * the event read from a stream, every record's base64 value decoded, each bundle fanned out (decode, flatten,
 * encode), the rows packed into Firehose records (up to 500 rows per record) and handed to PutRecordBatch, the
 * dead letters to their sink, the JSON log lines and the response written. The network is left out: Firehose
 * only counts ({@link CountingFirehose}), dead letters are only counted.
 *
 * <p>Each fork runs as the function's JVM does on its one vCPU (up to 1,769 MB): the heap under 256 MB, the
 * Serial collector, and one processor ({@code -XX:ActiveProcessorCount=1}, so the wiring makes one fan-out
 * worker, as in Lambda). {@link #c2} runs with both JIT compilers; {@link #c1Only} with C1 only
 * ({@code -XX:TieredStopAtLevel=1}, the {@code java21} managed runtime's default). Pin the process to one core
 * ({@code taskset -c 1}) so that the JIT and the collector share it as in Lambda; besides the wall time, each
 * fork prints the process's CPU time per batch, which a busy host inflates less. Both figures from one command
 * (without {@code -jvmArgsAppend}, which would replace the forks' settings):
 *
 * <pre>taskset -c 1 java -jar benchmarks/target/benchmarks.jar PipeTargetBenchmark -wi 8</pre>
 *
 * <p>{@code -jvmArgsAppend "-Xms256m -Xmx256m -XX:+UseSerialGC -XX:ActiveProcessorCount=1
 * -Dfanout.bench.firehoseMillis=40"} (with {@code -XX:TieredStopAtLevel=1} for C1 alone: it replaces the forks'
 * settings) adds a simulated round trip per PutRecordBatch call, which the worker overlaps with fan-out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class PipeTargetBenchmark {

    /** The function's configuration: names only, since nothing is sent. */
    private static final Map<String, String> ENVIRONMENT = Map.of("FANOUT_ROWS_STREAM", "bench",
            "FANOUT_DEAD_LETTER_BUCKET", "bench", "AWS_REGION", "us-west-2", "FANOUT_METRICS", "off");

    /** A JSONL (or .jsonl.gz) file of bundles, taken in turn to fill the batch; by default the bundled samples. */
    @Param("samples/lmdp-bundles.jsonl.gz")
    public String corpus;

    /** Records in the batch: 160 sample bundles make a 5.9 MB event, under Pipes' 6 MB. */
    @Param("160")
    public int records;

    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private byte[] event;
    private CountingFirehose firehose;
    private BenchmarkedPipeTarget target;
    private byte[] lastResponse;
    private long batches;
    private long cpuAtIterationStart;
    private final List<Double> cpuMsPerBatch = new ArrayList<>();

    @Setup(Level.Trial)
    public void load() {
        event = PipesBatch.of(BundleCorpus.read(Path.of(corpus)), records);
        firehose = new CountingFirehose();
        target = BenchmarkedPipeTarget.of(ENVIRONMENT, firehose);
    }

    @Setup(Level.Iteration)
    public void resetCounts() {
        firehose.reset();
        batches = 0;
        cpuAtIterationStart = PROCESS.getProcessCpuTime();
    }

    /**
     * The process's CPU time per batch in this iteration (all its threads: the invocation's, the JIT and the
     * collector). On a shared host it is steadier than the wall time, which includes waiting for a core; in
     * Lambda, whose one vCPU runs all those threads, the two are the same.
     */
    @TearDown(Level.Iteration)
    public void recordCpu() {
        if (batches > 0) {
            cpuMsPerBatch.add((PROCESS.getProcessCpuTime() - cpuAtIterationStart) / 1e6 / batches);
        }
    }

    /** With C1 and C2, as the function runs when its tiered compilation is left on. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1"})
    public byte[] c2() {
        return pipeBatch();
    }

    /** With C1 only, the java21 managed runtime's default ({@code JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1}). */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1",
            "-XX:TieredStopAtLevel=1"})
    public byte[] c1Only() {
        return pipeBatch();
    }

    private byte[] pipeBatch() {
        lastResponse = target.invoke(new ByteArrayInputStream(event));
        batches++;
        if (firehose.calls == 0) {
            throw new IllegalStateException("no rows sent: " + new String(lastResponse, StandardCharsets.UTF_8));
        }
        return lastResponse;
    }

    @TearDown(Level.Trial)
    public void report() {
        long n = Math.max(1, batches);
        System.out.printf("%nprocess CPU per batch, by iteration (warm-up included): %s ms%n", cpuMsPerBatch.stream()
                .map(ms -> String.format("%.1f", ms)).toList());
        System.out.printf("%nbatch: %d records, %.2f MB event; per batch %d Firehose records in %d calls, %d bytes,"
                        + " %d bytes billed (5 KB steps); response %s%n",
                records, event.length / 1e6, firehose.records / n, firehose.calls / n, firehose.bytes / n,
                firehose.billedBytes / n, new String(lastResponse, StandardCharsets.UTF_8));
    }
}
