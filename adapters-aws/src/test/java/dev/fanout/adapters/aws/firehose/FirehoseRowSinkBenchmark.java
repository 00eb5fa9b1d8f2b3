package dev.fanout.adapters.aws.firehose;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Payload;
import dev.fanout.ports.WriteOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Measures {@link FirehoseRowSink} against the local fake Firehose: rows/s, PutRecordBatch calls, and the
 * bytes Firehose would bill (each record rounded up to the next 5 KB, as Amazon Data Firehose prices Direct
 * PUT ingestion), packed versus one row per record. Not a test; run it by hand on rows in the
 * docs/row-event.md §6 layout, e.g. a replay of the 2 000-bundle workload of docs/performance.md §1:
 *
 * <pre>
 * ./fanout replay bench-work/lmdp-2000.jsonl --out bench-work/out-fanout-1
 * bin/with-jdk ./mvnw -B -ntp -q -pl adapters-aws -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * bin/with-jdk sh -c 'java -cp adapters-aws/target/test-classes:adapters-aws/target/classes:$(cat adapters-aws/target/test.classpath) \
 *     dev.fanout.adapters.aws.firehose.FirehoseRowSinkBenchmark bench-work/out-fanout-1 3'
 * </pre>
 *
 * The rows are handed over in batches of 10 000 (about what one Lambda invocation of 170 bundles makes);
 * the first of the given rounds warms the JVM up and is not reported. Calls go one after another to a fake
 * on localhost, so rows/s measures the sink and the SDK, not Firehose.
 */
public final class FirehoseRowSinkBenchmark {

    private static final long BILLING_UNIT = 5 * 1024;
    private static final int BATCH = 10_000;

    private FirehoseRowSinkBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "/tmp/bench/out");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<EncodedRow> rows = readRows(root.resolve("rows"));
        long rowBytes = rows.stream().mapToLong(r -> r.json().size()).sum();
        System.out.printf("%d rows, %d row bytes (%.1f bytes/row) from %s%n", rows.size(), rowBytes,
                (double) rowBytes / rows.size(), root);
        try (FakeFirehose firehose = new FakeFirehose(); FirehoseClient client = firehose.client()) {
            for (FirehoseRowSink.Settings settings : List.of(FirehoseRowSink.Settings.packed("bench"),
                    FirehoseRowSink.Settings.oneRowPerRecord("bench"))) {
                for (int round = 0; round < rounds; round++) {
                    int callsBefore = firehose.calls().size();
                    FirehoseRowSink sink = new FirehoseRowSink(client, settings, Clock.systemUTC());
                    long start = System.nanoTime();
                    long written = 0;
                    for (int from = 0; from < rows.size(); from += BATCH) {
                        WriteOutcome<EncodedRow> outcome = sink.write(rows.subList(from, Math.min(rows.size(), from + BATCH)),
                                Instant.now().plusSeconds(60));
                        written += outcome.written().size();
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    List<FakeFirehose.Call> calls = firehose.calls().subList(callsBefore, firehose.calls().size());
                    long records = calls.stream().mapToLong(c -> c.records().size()).sum();
                    long sent = calls.stream().mapToLong(FakeFirehose.Call::bytes).sum();
                    long billed = calls.stream().flatMap(c -> c.records().stream())
                            .mapToLong(r -> Math.max(1, (r.length + BILLING_UNIT - 1) / BILLING_UNIT) * BILLING_UNIT).sum();
                    if (round > 0 || rounds == 1) {
                        System.out.printf("%-18s round %d: %d rows written in %.2f s = %,.0f rows/s; %d calls, %d records"
                                        + " (%.1f rows/record); %d bytes sent; billed %d bytes = %.1f per row = %.2fx the row bytes%n",
                                settings.oneRowPerRecordMode() ? "one row/record" : "packed", round, written, seconds,
                                written / seconds, calls.size(), records, (double) written / records, sent, billed,
                                (double) billed / written, (double) billed / rowBytes);
                    }
                }
            }
        }
    }

    /** Rows from {@code rows/orgid=…/metric=…/dt=…/hour=…/*.jsonl.gz}, in path order. */
    private static List<EncodedRow> readRows(Path rowsRoot) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(rowsRoot)) {
            files = walk.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().toList();
        }
        List<EncodedRow> rows = new ArrayList<>();
        for (Path file : files) {
            Path dir = rowsRoot.relativize(file.getParent());
            PartitionKey partition = new PartitionKey(value(dir, 0), value(dir, 1), value(dir, 2), value(dir, 3));
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int at = line.indexOf("\"rowId\":\"") + 9;
                    rows.add(new EncodedRow(line.substring(at, at + 32), partition, Payload.utf8(line)));
                }
            }
        }
        return rows;
    }

    private static String value(Path dir, int segment) {
        String name = dir.getName(segment).toString();
        return name.substring(name.indexOf('=') + 1);
    }
}
