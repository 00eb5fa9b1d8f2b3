package dev.fanout.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.fanout.adapters.aws.firehose.FirehoseRowSink;
import dev.fanout.adapters.aws.pipes.PipesEventBundleSource;
import dev.fanout.domain.batch.Backoff;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.domain.batch.Sleeper;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.domain.service.ReplayService;
import dev.fanout.domain.service.ReplaySettings;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.in.BundleListener;
import dev.fanout.ports.in.RunSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * The Pipe target's work on one 6 MB Pipes batch, warm: the event read, every record's base64 value decoded, each
 * bundle fanned out (decode, flatten, encode), the rows packed into Firehose records (up to 500 rows per record, as
 * the function packs them) and handed to PutRecordBatch, dead letters to their sink; the same domain replay service,
 * sinks and retry policy as the function's wiring (bootstrap-lambda CoreModule, FirehoseRowsModule), with one fan-out
 * worker (the function's one vCPU up to 1,769 MB). The network is left out: Firehose only counts
 * ({@link CountingFirehose}). Run under the function's heap and collector (Serial, what the JVM picks on
 * Lambda's one vCPU); besides the wall time it prints the process's CPU time per batch, which a busy host
 * inflates less:
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PipeTargetBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+UseSerialGC"})
@Threads(1)
public class PipeTargetBenchmark {

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
    private RetryingRowSink rows;
    private RetryingDeadLetterSink deadLetters;
    private ReplayService replay;
    private ExecutorService worker;
    private RunSummary last;
    private long batches;
    private long cpuAtIterationStart;
    private final List<Double> cpuMsPerBatch = new ArrayList<>();

    @Setup(Level.Trial)
    public void load() {
        event = PipesBatch.of(BundleCorpus.read(Path.of(corpus)), records);
        InstantSource clock = InstantSource.system();
        RetryPolicy policy = RetryPolicy.untilDeadline(Backoff.DEFAULT, clock, Sleeper.THREAD, new Random());
        firehose = new CountingFirehose();
        rows = new RetryingRowSink(new FirehoseRowSink(firehose, FirehoseRowSink.Settings.packed("bench"), clock), policy);
        deadLetters = new RetryingDeadLetterSink(new CountingDeadLetters(), policy);
        worker = Executors.newSingleThreadExecutor();
        replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults(), jdkSha256()), worker, clock,
                ReplaySettings.remote(Duration.ofMinutes(15)));
    }

    @Setup(Level.Iteration)
    public void resetCounts() {
        firehose.reset();
        batches = 0;
        cpuAtIterationStart = PROCESS.getProcessCpuTime();
    }

    /**
     * The process's CPU time per batch in this iteration (all its threads: the reading thread, the fan-out worker,
     * the JIT and the collector). On a shared host it is steadier than the wall time, which includes waiting for
     * a core; in Lambda, whose one vCPU runs all those threads, the two are the same.
     */
    @TearDown(Level.Iteration)
    public void recordCpu() {
        if (batches > 0) {
            cpuMsPerBatch.add((PROCESS.getProcessCpuTime() - cpuAtIterationStart) / 1e6 / batches);
        }
    }

    @Benchmark
    public RunSummary pipeBatch() throws IOException {
        Payload payload = new Payload(new ByteArrayInputStream(event).readAllBytes());
        try (PipesEventBundleSource source = new PipesEventBundleSource(payload, new Provenance.WholeFile("pipes-event"))) {
            last = replay.replayUntil(source, rows, deadLetters, Instant.now().plus(Duration.ofMinutes(15)),
                    BundleListener.NONE);
        }
        batches++;
        if (last.unwrittenRows() > 0) {
            throw new IllegalStateException("rows unwritten: " + last.unwrittenRows());
        }
        return last;
    }

    @TearDown(Level.Trial)
    public void report() {
        worker.shutdownNow();
        long n = Math.max(1, batches);
        System.out.printf("%nprocess CPU per batch, by iteration (warm-up included): %s ms%n", cpuMsPerBatch.stream()
                .map(ms -> String.format("%.1f", ms)).toList());
        System.out.printf("%nbatch: %d records, %.2f MB event; %d bundles, %d points, %d rows, %d rejected;"
                        + " per batch %d Firehose records in %d calls, %d bytes, %d bytes billed (5 KB steps)%n",
                records, event.length / 1e6, last.bundles(), last.points(), last.rows(), last.points() - last.rows(),
                firehose.records / n, firehose.calls / n, firehose.bytes / n, firehose.billedBytes / n);
    }

    private static Supplier<MessageDigest> jdkSha256() {
        return () -> {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Dead letters kept nowhere: counted as written. */
    private static final class CountingDeadLetters implements DeadLetterSink {
        @Override
        public WriteOutcome<DeadLetter> write(List<DeadLetter> letters, Instant deadline) {
            return WriteOutcome.allWritten(letters);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

}
