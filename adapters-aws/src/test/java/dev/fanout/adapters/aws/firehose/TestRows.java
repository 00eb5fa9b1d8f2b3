package dev.fanout.adapters.aws.firehose;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Payload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/** Rows of chosen sizes for the Firehose tests. */
final class TestRows {

    private TestRows() {
    }

    static String rowId(int n) {
        return String.format("%024x%08x", 0xabcL, n);
    }

    /** A row numbered {@code n} whose JSON is exactly {@code bytes} long (at least 60). */
    static EncodedRow row(int n, int bytes) {
        String head = "{\"rowId\":\"" + rowId(n) + "\",\"pad\":\"";
        String tail = "\"}";
        int pad = bytes - head.length() - tail.length();
        if (pad < 0) {
            throw new IllegalArgumentException("a row needs at least " + (head.length() + tail.length()) + " bytes");
        }
        String json = head + "x".repeat(pad) + tail;
        PartitionKey partition = new PartitionKey("org-" + n % 3, "metric-" + n % 5, "2025-11-21", String.format("%02d", n % 24));
        return new EncodedRow(rowId(n), partition, new Payload(json.getBytes(StandardCharsets.UTF_8)));
    }

    static List<EncodedRow> rows(int count, int bytes) {
        return IntStream.range(0, count).mapToObj(n -> row(n, bytes)).toList();
    }

    static String json(EncodedRow row) {
        return row.json().asUtf8();
    }
}
