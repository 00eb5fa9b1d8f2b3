package dev.fanout.adapters.aws.firehose;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Payload;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.contract.RowSinkContract;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * The {@link RowSink} contract for {@link FirehoseRowSink} against a fake Firehose. Firehose stores bytes
 * only; the partition of a row is what the stream's JQ reads from the row itself. The test therefore
 * remembers the partition of each row it hands over, to pair the stored bytes with it on reading back.
 */
class FirehoseRowSinkContractTest extends RowSinkContract {

    private final FakeFirehose firehose = new FakeFirehose();
    private final FirehoseClient client = firehose.client();
    private final Map<Payload, PartitionKey> partitions = new ConcurrentHashMap<>();

    @AfterEach
    void stopFake() {
        client.close();
        firehose.close();
    }

    @Override
    protected RowSink newSink() {
        FirehoseRowSink sink = new FirehoseRowSink(client, FirehoseRowSink.Settings.packed("contract-rows"), Clock.systemUTC());
        return new RowSink() {
            @Override
            public WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline) {
                rows.forEach(row -> partitions.put(row.json(), row.partition()));
                return sink.write(rows, deadline);
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }

    @Override
    protected List<StoredRow> readBack(RowSink sink) {
        List<StoredRow> rows = new ArrayList<>();
        for (byte[] record : firehose.storedRecords()) {
            int start = 0;
            for (int i = 0; i <= record.length; i++) {
                if (i == record.length || record[i] == '\n') {
                    if (i > start) {
                        Payload json = new Payload(Arrays.copyOfRange(record, start, i));
                        rows.add(new StoredRow(partitions.get(json), json));
                    }
                    start = i + 1;
                }
            }
        }
        return rows;
    }
}
