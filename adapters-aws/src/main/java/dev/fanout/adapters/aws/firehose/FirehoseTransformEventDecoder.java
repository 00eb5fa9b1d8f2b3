package dev.fanout.adapters.aws.firehose;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.Provenance;
import java.io.IOException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the records of an Amazon Data Firehose data-transformation event (Firehose developer guide, data transformation:
 * {@code {invocationId, deliveryStreamArn, region, records:[{recordId, approximateArrivalTimestamp, data}]}}) one
 * at a time with jackson-core's streaming parser, so a 6 MB event is never held as a tree. Each record's
 * {@code data} (or {@code kafkaRecordValue}, for a stream fed by MSK) is one bundle, strict base64; its
 * provenance is {@code {"file":"firehose/<recordId>"}} (docs/row-event.md §4.3; the record id is what
 * Firehose's error output names). A record whose data is absent or not base64 is a
 * {@link BundleEnvelope.BadEnvelope}; bytes that are not a transformation event throw {@link PortException}.
 * Keys other than {@code records} are skipped, wherever they stand.
 */
public final class FirehoseTransformEventDecoder implements AutoCloseable {

    /** The folder-like prefix of a Firehose record's provenance. */
    public static final String PROVENANCE_PREFIX = "firehose/";

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .build())
            .build();

    /** One record of the event: its id, to answer, and its bundle. */
    public record TransformRecord(String recordId, BundleEnvelope envelope) {
        public TransformRecord {
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(envelope, "envelope");
        }
    }

    private final JsonParser parser;
    private final long size;
    private boolean ended;
    private int index;

    private FirehoseTransformEventDecoder(JsonParser parser, long size) {
        this.parser = parser;
        this.size = size;
    }

    /**
     * Opens the event and reads up to its first record.
     *
     * @throws PortException when the bytes are not a JSON object with a {@code records} array
     */
    public static FirehoseTransformEventDecoder open(Payload event) {
        Objects.requireNonNull(event, "event");
        JsonParser parser = null;
        try {
            parser = JSON.createParser(event.bytes());
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnEvent("not a JSON object", event.size(), null);
            }
            FirehoseTransformEventDecoder decoder = new FirehoseTransformEventDecoder(parser, event.size());
            decoder.seekRecords();
            return decoder;
        } catch (IOException e) {
            close(parser);
            throw notAnEvent("not JSON: " + message(e), event.size(), e);
        } catch (PortException e) {
            close(parser);
            throw e;
        }
    }

    /** The next record, or empty after the last. */
    public Optional<TransformRecord> next() {
        if (ended) {
            return Optional.empty();
        }
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                ended = true;
                return Optional.empty();
            }
            if (token == null) {
                throw notAnEvent("the records array is not closed", size, null);
            }
            int recordIndex = index++;
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                String id = "record-" + recordIndex;
                return Optional.of(new TransformRecord("", new BundleEnvelope.BadEnvelope(provenance(id),
                        "record " + recordIndex + " is not a JSON object", Payload.empty())));
            }
            return Optional.of(readRecord(recordIndex));
        } catch (IOException e) {
            throw notAnEvent("not JSON: " + message(e), size, e);
        }
    }

    @Override
    public void close() {
        close(parser);
    }

    /** Skips every key up to {@code records} and enters its array; an event without records has none. */
    private void seekRecords() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("records")) {
                if (value != JsonToken.START_ARRAY) {
                    throw notAnEvent("records is not an array", size, null);
                }
                return;
            }
            parser.skipChildren();
        }
        if (token != JsonToken.END_OBJECT) {
            throw notAnEvent("the event object is not closed", size, null);
        }
        ended = true;
    }

    private TransformRecord readRecord(int recordIndex) throws IOException {
        String recordId = null;
        String data = null;
        String dataProblem = "data is absent";
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "recordId" -> recordId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "data", "kafkaRecordValue" -> {
                    data = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    dataProblem = data == null ? name + " is not a base64 string" : null;
                }
                default -> { }
            }
            parser.skipChildren();
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("record " + recordIndex + " is not closed");
        }
        String id = recordId == null ? "" : recordId;
        Provenance source = provenance(recordId == null ? "record-" + recordIndex : recordId);
        if (data == null) {
            return new TransformRecord(id, new BundleEnvelope.BadEnvelope(source, dataProblem, Payload.empty()));
        }
        try {
            return new TransformRecord(id, new BundleEnvelope.RawBundle(new Payload(Base64.getDecoder().decode(data)),
                    source));
        } catch (IllegalArgumentException e) {
            return new TransformRecord(id, new BundleEnvelope.BadEnvelope(source,
                    "data is not base64: " + e.getMessage(), Payload.utf8(data)));
        }
    }

    private static Provenance provenance(String recordId) {
        return new Provenance.WholeFile(PROVENANCE_PREFIX + recordId);
    }

    private static PortException notAnEvent(String why, long size, Throwable cause) {
        return new PortException("The Lambda input is not an Amazon Data Firehose transformation event (" + why + ", "
                + size + " bytes). A transformation receives {\"records\":[{\"recordId\",\"data\"}]}; check that the"
                + " function is the stream's processor and not invoked by another trigger.", cause);
    }

    private static String message(IOException e) {
        return e instanceof JacksonException jackson ? jackson.getOriginalMessage()
                : e.getMessage();
    }

    private static void close(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // Parsing from a byte array: nothing to release.
            }
        }
    }
}
