package dev.fanout.bootstrap.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a Firehose transformation (Firehose developer guide, data transformation): {@code {"records":[{recordId, result, data,
 * metadata:{partitionKeys}}]}}, one entry per input record in input order. Its size is tracked as entries are
 * added, so the handler can keep it within Firehose's 6 MB.
 */
final class TransformResponse {

    enum Result {
        OK("Ok"), DROPPED("Dropped"), PROCESSING_FAILED("ProcessingFailed");

        private final String wire;

        Result(String wire) {
            this.wire = wire;
        }

        String wire() {
            return wire;
        }
    }

    /** One answered record; {@code data} is base64 ("" unless Ok); {@code partition} only for Ok. */
    record Entry(String recordId, Result result, String data, Optional<PartitionKey> partition) {
        Entry {
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(partition, "partition");
        }

        /** Bytes this entry adds to the response, a close upper bound (ids and keys are ASCII). */
        long size() {
            long keys = partition.map(p -> 64L + p.orgSegment().length() + p.dt().length() + p.hour().length())
                    .orElse(0L);
            return 48 + recordId.length() + result.wire().length() + data.length() + keys;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final List<Entry> entries = new ArrayList<>();
    private long size = 16;

    void add(Entry entry) {
        entries.add(entry);
        size += entry.size();
    }

    /** The response's size so far (an upper bound). */
    long size() {
        return size;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The rows of an Ok record: each row's JSON and a newline, base64-encoded. */
    static String okData(List<EncodedRow> rows) {
        int length = 0;
        for (EncodedRow row : rows) {
            length += row.json().size() + 1;
        }
        byte[] lines = new byte[length];
        int at = 0;
        for (EncodedRow row : rows) {
            System.arraycopy(row.json().bytes(), 0, lines, at, row.json().size());
            at += row.json().size();
            lines[at++] = '\n';
        }
        return Base64.getEncoder().encodeToString(lines);
    }

    void writeTo(OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("records");
            for (Entry entry : entries) {
                json.writeStartObject();
                json.writeStringField("recordId", entry.recordId());
                json.writeStringField("result", entry.result().wire());
                json.writeStringField("data", entry.data());
                if (entry.partition().isPresent()) {
                    PartitionKey key = entry.partition().get();
                    json.writeObjectFieldStart("metadata");
                    json.writeObjectFieldStart("partitionKeys");
                    json.writeStringField("orgid", key.orgSegment());
                    json.writeStringField("dt", key.dt());
                    json.writeStringField("hour", key.hour());
                    json.writeEndObject();
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, Integer.MAX_VALUE - 8));
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
