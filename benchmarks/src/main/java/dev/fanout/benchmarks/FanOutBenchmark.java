package dev.fanout.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.in.BundleOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hot path on one core: decode + flatten + encode of LMDP-shaped bundles, next to a plain Jackson
 * token scan of the same bytes (the floor any streaming decoder stands on). Each invocation handles one
 * bundle; the {@code inputBytes} counter turns into MB/s of input in the report.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar -p corpus=bench-work/lmdp-2000.jsonl</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class FanOutBenchmark {

    /** A JSONL (or .jsonl.gz) file of bundles; by default the bundled samples. */
    @Param("samples/lmdp-bundles.jsonl.gz")
    public String corpus;

    private List<byte[]> bundles;
    private BundleFanOut fanOut;
    private final JsonFactory jsonFactory = new JsonFactory();
    private int next;

    /** Input bytes processed, reported by JMH as a rate next to the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class InputBytes {
        public long inputBytes;

        @Setup(Level.Iteration)
        public void reset() {
            inputBytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void load() {
        bundles = BundleCorpus.read(Path.of(corpus));
        fanOut = new BundleFanOut(FanOutSettings.defaults());
        System.out.printf("%ncorpus %s: %d bundles, %.1f MB%n", corpus, bundles.size(),
                BundleCorpus.totalBytes(bundles) / 1e6);
    }

    private byte[] nextBundle() {
        byte[] bundle = bundles.get(next);
        next = next + 1 == bundles.size() ? 0 : next + 1;
        return bundle;
    }

    @Benchmark
    public BundleOutcome decodeFlattenEncode(InputBytes counter) {
        byte[] bundle = nextBundle();
        counter.inputBytes += bundle.length;
        return fanOut.fanOut(new BundleEnvelope.RawBundle(new Payload(bundle), new Provenance.WholeFile("bench.json")));
    }

    @Benchmark
    public void jacksonTokenScan(InputBytes counter, Blackhole sink) throws IOException {
        byte[] bundle = nextBundle();
        counter.inputBytes += bundle.length;
        try (JsonParser parser = jsonFactory.createParser(bundle)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                sink.consume(token);
            }
        }
    }
}
