package dev.fanout.benchmarks;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.FirehoseServiceClientConfiguration;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;

/**
 * A Firehose that stores every record and only counts: the network and the SDK's marshalling left out, so a
 * benchmark measures the function's own work up to the PutRecordBatch request. Counts what Firehose bills:
 * records, bytes, and bytes rounded up to 5 KB per record (Firehose's ingestion pricing).
 */
final class CountingFirehose implements FirehoseClient {

    /** Firehose bills ingestion in 5 KB steps per record. */
    static final long BILLING_STEP = 5 * 1024;

    /**
     * A round trip to simulate per PutRecordBatch call, in milliseconds ({@code -Dfanout.bench.firehoseMillis}, 0 by
     * default: the network left out). With it, a benchmark shows how much fan-out work overlaps the network wait.
     */
    private static final long ROUND_TRIP_MILLIS = Long.getLong("fanout.bench.firehoseMillis", 0);

    long calls;
    long records;
    long bytes;
    long billedBytes;

    void reset() {
        calls = 0;
        records = 0;
        bytes = 0;
        billedBytes = 0;
    }

    @Override
    public PutRecordBatchResponse putRecordBatch(PutRecordBatchRequest request) {
        calls++;
        if (ROUND_TRIP_MILLIS > 0) {
            try {
                Thread.sleep(ROUND_TRIP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<PutRecordBatchResponseEntry> entries = new ArrayList<>(request.records().size());
        for (int i = 0; i < request.records().size(); i++) {
            long size = request.records().get(i).data().asByteBuffer().remaining();
            records++;
            bytes += size;
            billedBytes += (size + BILLING_STEP - 1) / BILLING_STEP * BILLING_STEP;
            entries.add(PutRecordBatchResponseEntry.builder().recordId("bench-" + records).build());
        }
        return PutRecordBatchResponse.builder().failedPutCount(0).requestResponses(entries).encrypted(false).build();
    }

    @Override
    public FirehoseServiceClientConfiguration serviceClientConfiguration() {
        return FirehoseServiceClientConfiguration.builder().region(Region.US_WEST_2).build();
    }

    @Override
    public String serviceName() {
        return "firehose";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
