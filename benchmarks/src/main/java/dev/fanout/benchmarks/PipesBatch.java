package dev.fanout.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A Pipes Kafka batch as the pipe hands it to the function: a JSON array of records, each bundle base64 in its
 * {@code value}, made from a corpus of bundles taken in turn until the batch holds {@code count} records.
 */
final class PipesBatch {

    private PipesBatch() {
    }

    static byte[] of(List<byte[]> bundles, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.write(',');
            }
            String record = "{\"eventSource\":\"aws:kafka\",\"eventSourceArn\":\"arn:aws:kafka:us-west-2:123456789012:"
                    + "cluster/demo/x\",\"eventSourceKey\":\"lm.metrics.otlp-" + (i % 6) + "\",\"topic\":\"lm.metrics.otlp\","
                    + "\"partition\":" + (i % 6) + ",\"offset\":" + (1000 + i) + ",\"timestamp\":" + (1763700000000L + i)
                    + ",\"timestampType\":\"CREATE_TIME\",\"value\":\""
                    + Base64.getEncoder().encodeToString(bundles.get(i % bundles.size())) + "\"}";
            out.writeBytes(record.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(']');
        return out.toByteArray();
    }
}
