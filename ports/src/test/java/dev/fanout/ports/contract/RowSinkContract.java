package dev.fanout.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Payload;
import dev.fanout.ports.RowBatch;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RowSink} must do. An adapter's test extends this class and says how to build a fresh
 * sink and how to read back what it made visible; JUnit creates a new instance per test, so both may use
 * the instance's own temporary folder or fake endpoint.
 */
public abstract class RowSinkContract {

    /** A row as a sink keeps it: the partition it was placed in and its JSON bytes. */
    public record StoredRow(PartitionKey partition, Payload json) {
    }

    /** A fresh, empty sink. */
    protected abstract RowSink newSink() throws Exception;

    /** Everything {@code sink} made visible, in any order; called after {@code sink} was closed. */
    protected abstract List<StoredRow> readBack(RowSink sink) throws Exception;

    protected static final Instant FAR_DEADLINE = Instant.now().plus(Duration.ofMinutes(5));

    @Test
    void write_accountsForEveryRowExactlyOnce_inWrittenOrRefused() throws Exception {
        // given
        List<EncodedRow> rows = rows(0, 50, 4);
        try (RowSink sink = newSink()) {
            // when
            WriteOutcome<EncodedRow> outcome = sink.write(rows, FAR_DEADLINE);

            // then
            List<EncodedRow> accountedFor = new ArrayList<>(outcome.written());
            outcome.refused().forEach(refusal -> accountedFor.add(refusal.item()));
            assertThat(accountedFor).containsExactlyInAnyOrderElementsOf(rows);
        }
    }

    @Test
    void close_makesEveryWrittenRowReadable_byteForByte_inItsPartition() throws Exception {
        // given
        RowSink sink = newSink();
        List<EncodedRow> rows = rows(0, 40, 5);

        // when
        WriteOutcome<EncodedRow> outcome = sink.write(rows, FAR_DEADLINE);
        sink.close();

        // then
        assertThat(readBack(sink)).containsExactlyInAnyOrderElementsOf(stored(outcome.written()));
    }

    @Test
    void write_acceptsAnEmptyBatch_andStoresNothing() throws Exception {
        // given
        RowSink sink = newSink();

        // when
        WriteOutcome<EncodedRow> outcome = sink.write(List.of(), FAR_DEADLINE);
        sink.close();

        // then
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.refused()).isEmpty();
        assertThat(readBack(sink)).isEmpty();
    }

    @Test
    void close_leavesNothing_whenNothingWasWritten() throws Exception {
        // given
        RowSink sink = newSink();

        // when
        sink.close();

        // then
        assertThat(readBack(sink)).isEmpty();
    }

    @Test
    void write_keepsEveryRowOfManyBatches_acrossManyPartitions() throws Exception {
        // given
        RowSink sink = newSink();
        List<EncodedRow> written = new ArrayList<>();

        // when
        for (int batch = 0; batch < 20; batch++) {
            written.addAll(sink.write(rows(batch * 150, 150, 37), FAR_DEADLINE).written());
        }
        sink.close();

        // then
        assertThat(readBack(sink)).containsExactlyInAnyOrderElementsOf(stored(written));
    }

    @Test
    void write_keepsARowOnceForEveryTimeItWasWritten() throws Exception {
        // given
        RowSink sink = newSink();
        List<EncodedRow> rows = rows(0, 10, 2);
        List<EncodedRow> written = new ArrayList<>();

        // when
        written.addAll(sink.write(rows, FAR_DEADLINE).written());
        written.addAll(sink.write(rows, FAR_DEADLINE).written());
        sink.close();

        // then
        assertThat(readBack(sink)).containsExactlyInAnyOrderElementsOf(stored(written));
    }

    @Test
    void write_keepsBytesExactly_forNonAsciiEscapedAndLargeRows() throws Exception {
        // given
        RowSink sink = newSink();
        PartitionKey partition = new PartitionKey("org%2F1", "m.x-y_z", "2026-11-21", "07");
        List<EncodedRow> rows = List.of(
                row(1, partition, "{\"metric\":\"Ünïcødé-väl ✓ 𝄞\",\"n\":1}"),
                row(2, partition, "{\"s\":\"tab\\t quote\\\" backslash\\\\ nl\\n cr\\r\",\"n\":2}"),
                row(3, partition, "{\"big\":\"" + "x".repeat(1_500_000) + "\"}"),
                row(4, partition, "{}"));
        List<EncodedRow> written = new ArrayList<>();

        // when
        written.addAll(sink.write(rows, FAR_DEADLINE).written());
        sink.close();

        // then
        assertThat(readBack(sink)).containsExactlyInAnyOrderElementsOf(stored(written));
    }

    @Test
    void writeBatch_storesItsRows_likeWrite_andTakesCopiesOfTheirBytes() throws Exception {
        // given: rows added to a batch of the sink from one reused array, across two batches
        RowSink sink = newSink();
        List<EncodedRow> rows = rows(0, 60, 7);
        byte[] scratch = new byte[4096];
        long unwritten = 0;

        // when
        for (List<EncodedRow> part : List.of(rows.subList(0, 25), rows.subList(25, 60))) {
            RowBatch batch = sink.newBatch();
            for (EncodedRow row : part) {
                byte[] json = row.json().bytes();
                System.arraycopy(json, 0, scratch, 3, json.length);
                batch.add(row.rowId(), row.partition(), scratch, 3, json.length);
                Arrays.fill(scratch, (byte) '#');
            }
            assertThat(batch.size()).isEqualTo(part.size());
            unwritten += sink.writeBatch(batch, FAR_DEADLINE);
        }
        sink.close();

        // then
        assertThat(unwritten).isZero();
        assertThat(readBack(sink)).containsExactlyInAnyOrderElementsOf(stored(rows));
    }

    @Test
    void writeBatch_refusesABatchThatIsNotItsOwn() throws Exception {
        // given
        RowSink sink = newSink();
        RowBatch foreign = new RowBatch() {
            @Override
            public void add(String rowId, PartitionKey partition, byte[] json, int offset, int length) {
            }

            @Override
            public int size() {
                return 0;
            }
        };

        // when / then
        assertThatThrownBy(() -> sink.writeBatch(foreign, FAR_DEADLINE)).isInstanceOf(IllegalArgumentException.class);
        sink.close();
    }

    @Test
    void close_canBeCalledTwice() throws Exception {
        // given
        RowSink sink = newSink();
        List<EncodedRow> written = sink.write(rows(0, 5, 1), FAR_DEADLINE).written();
        sink.close();

        // when / then
        assertThatCode(sink::close).doesNotThrowAnyException();
        assertThat(readBack(sink)).containsExactlyInAnyOrderElementsOf(stored(written));
    }

    /** {@code count} distinct rows numbered from {@code first}, spread over {@code partitions} partitions. */
    protected static List<EncodedRow> rows(int first, int count, int partitions) {
        List<EncodedRow> rows = new ArrayList<>(count);
        for (int n = first; n < first + count; n++) {
            int p = n % partitions;
            PartitionKey partition = new PartitionKey("org-" + p % 3, "metric." + p, "2026-11-" + (10 + p % 7),
                    String.format("%02d", p % 24));
            rows.add(row(n, partition, "{\"schemaVersion\":1,\"rowId\":\"" + rowId(n) + "\",\"metric\":\"metric."
                    + p + "\",\"value\":" + n + ".5,\"attributes\":{\"wildValue\":\"eth" + n + "\"}}"));
        }
        return rows;
    }

    protected static EncodedRow row(int n, PartitionKey partition, String json) {
        return new EncodedRow(rowId(n), partition, new Payload(json.getBytes(StandardCharsets.UTF_8)));
    }

    protected static String rowId(int n) {
        byte[] id = new byte[16];
        Arrays.fill(id, (byte) 0xab);
        id[12] = (byte) (n >>> 24);
        id[13] = (byte) (n >>> 16);
        id[14] = (byte) (n >>> 8);
        id[15] = (byte) n;
        return HexFormat.of().formatHex(id);
    }

    protected static List<StoredRow> stored(List<EncodedRow> rows) {
        return rows.stream().map(r -> new StoredRow(r.partition(), r.json())).toList();
    }
}
