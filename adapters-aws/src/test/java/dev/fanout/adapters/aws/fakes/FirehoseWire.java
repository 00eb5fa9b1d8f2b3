package dev.fanout.adapters.aws.fakes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Firehose's PutRecordBatch on the wire (JSON 1.1, {@code X-Amz-Target: Firehose_20150804.PutRecordBatch}):
 * reads a request and writes the answers a fake gives, so every fake speaks it the same way.
 */
public final class FirehoseWire {

    /** The {@code X-Amz-Target} header of a PutRecordBatch call. */
    public static final String TARGET = "Firehose_20150804.PutRecordBatch";

    /** Firehose's hard limits (PutRecordBatch API reference): records per call, bytes per record and per call (before base64). */
    public static final int MAX_RECORDS_PER_CALL = 500;
    public static final int MAX_RECORD_BYTES = 1_024_000;
    public static final long MAX_CALL_BYTES = 4L * 1024 * 1024;

    // A packed call is up to 4 MiB of base64 in one string, beyond Jackson's default limit.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private FirehoseWire() {
    }

    /** What a PutRecordBatch request asks for: the stream, and the decoded data of each record. */
    public record PutRecordBatch(String streamName, List<byte[]> records) {

        public PutRecordBatch {
            records = List.copyOf(records);
        }

        public static PutRecordBatch parse(byte[] body) {
            try (JsonParser parser = JSON.createParser(body)) {
                String stream = null;
                List<byte[]> records = new ArrayList<>();
                expect(parser.nextToken(), JsonToken.START_OBJECT);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (name.equals("DeliveryStreamName")) {
                        stream = parser.getText();
                    } else if (name.equals("Records")) {
                        readRecords(parser, records);
                    } else {
                        parser.skipChildren();
                    }
                }
                return new PutRecordBatch(stream, records);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void readRecords(JsonParser parser, List<byte[]> records) throws IOException {
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    if (field.equals("Data")) {
                        records.add(Base64.getDecoder().decode(parser.getText()));
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }

        private static void expect(JsonToken actual, JsonToken expected) throws IOException {
            if (actual != expected) {
                throw new IOException("expected " + expected + " but got " + actual);
            }
        }
    }

    /**
     * A 200 answer that stores every record except those at the refused indexes, which get the given error
     * code; stored records go to {@code store}, in order.
     *
     * @param call the call's number, which makes the record ids unique
     */
    public static ResponseDefinition accepted(int call, List<byte[]> records, Map<Integer, String> refusedCodes,
                                              Consumer<byte[]> store) {
        StringBuilder body = new StringBuilder("{\"FailedPutCount\":").append(refusedCodes.size())
                .append(",\"Encrypted\":false,\"RequestResponses\":[");
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            String code = refusedCodes.get(i);
            if (code == null) {
                store.accept(records.get(i));
                body.append("{\"RecordId\":\"rec-").append(call).append('-').append(i).append("\"}");
            } else {
                body.append("{\"ErrorCode\":\"").append(code).append("\",\"ErrorMessage\":\"try again\"}");
            }
        }
        body.append("]}");
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body.toString().getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /**
     * How Firehose refuses a request beyond its hard limits, as a whole: a 400 validation error, nothing stored.
     * Empty when the request is within them. Every fake checks this before its behaviour, so a sink that
     * packs one byte or one record too many fails its tests as it would fail against Firehose.
     */
    public static Optional<Reply.Fail> limitViolation(List<byte[]> records) {
        if (records.size() > MAX_RECORDS_PER_CALL) {
            return Optional.of(new Reply.Fail(400, "ValidationException", "1 validation error detected: Value at"
                    + " 'records' failed to satisfy constraint: Member must have length less than or equal to "
                    + MAX_RECORDS_PER_CALL));
        }
        long total = 0;
        for (int i = 0; i < records.size(); i++) {
            int length = records.get(i).length;
            if (length > MAX_RECORD_BYTES) {
                return Optional.of(new Reply.Fail(400, "ValidationException", "1 validation error detected: Value at"
                        + " 'records." + (i + 1) + ".member.data' failed to satisfy constraint: Member must have length"
                        + " less than or equal to " + MAX_RECORD_BYTES));
            }
            total += length;
        }
        if (total > MAX_CALL_BYTES) {
            return Optional.of(new Reply.Fail(400, "InvalidArgumentException", "Records size exceeds 4 MB limit"));
        }
        return Optional.empty();
    }

    /**
     * A 200 answer that stores every record but lists {@code entries} response entries, all successful: an
     * answer whose length does not match the request.
     */
    public static ResponseDefinition garbled(int call, List<byte[]> records, int entries, Consumer<byte[]> store) {
        records.forEach(store);
        StringBuilder body = new StringBuilder("{\"FailedPutCount\":0,\"Encrypted\":false,\"RequestResponses\":[");
        for (int i = 0; i < entries; i++) {
            body.append(i > 0 ? "," : "").append("{\"RecordId\":\"rec-").append(call).append('-').append(i).append("\"}");
        }
        body.append("]}");
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body.toString().getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** Every row in the records, in order: each record holds newline-terminated JSON lines. */
    public static List<String> rows(List<byte[]> records) {
        List<String> rows = new ArrayList<>();
        for (byte[] record : records) {
            for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(line);
                }
            }
        }
        return rows;
    }

    /** An error answer as Firehose gives it: the status, and a JSON body with {@code __type} and message. */
    public static ResponseDefinition failed(int call, int status, String type, String message) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "req-" + call)
                .withBody(("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
