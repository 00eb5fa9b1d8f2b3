package dev.fanout.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The function's log: one JSON object per line through the Lambda logger, each with the level, the event, the
 * handler and the request id, plus the Kafka provenance (topic, partition, offset) of the record it reports.
 * Only ids, reasons and counts are logged, never payloads or attribute values: a log must not leak the data.
 */
final class JsonLog {

    private static final JsonFactory JSON = new JsonFactory();

    private final LambdaLogger logger;
    private final String handler;
    private final String requestId;

    JsonLog(LambdaLogger logger, String handler, String requestId) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
    }

    Line info(String event) {
        return new Line(LogLevel.INFO, event);
    }

    Line warn(String event) {
        return new Line(LogLevel.WARN, event);
    }

    Line error(String event) {
        return new Line(LogLevel.ERROR, event);
    }

    /** One line being put together; {@link #write()} logs it. */
    final class Line {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private final LogLevel level;

        private Line(LogLevel level, String event) {
            this.level = level;
            fields.put("level", level.name());
            fields.put("event", event);
            fields.put("handler", handler);
            fields.put("requestId", requestId);
        }

        Line put(String key, String value) {
            fields.put(key, value);
            return this;
        }

        Line put(String key, long value) {
            fields.put(key, value);
            return this;
        }

        Line put(String key, boolean value) {
            fields.put(key, value);
            return this;
        }

        /** Counts by reason code, e.g. {@code {"point.no_value":3}}. */
        Line reasons(String key, Map<RejectionReason, Long> counts) {
            Map<String, Object> byCode = new LinkedHashMap<>();
            counts.forEach((reason, count) -> byCode.put(reason.code(), count));
            fields.put(key, byCode);
            return this;
        }

        /** Where the reported record came from: Kafka topic, partition, offset (or the file and line). */
        Line source(Provenance source) {
            switch (source) {
                case Provenance.KafkaRecord kafka -> {
                    fields.put("topic", kafka.topic());
                    fields.put("partition", (long) kafka.partition());
                    fields.put("offset", kafka.offset());
                }
                case Provenance.JsonLine line -> {
                    fields.put("file", line.file());
                    fields.put("line", line.line());
                }
                case Provenance.WholeFile file -> fields.put("file", file.file());
            }
            return this;
        }

        void write() {
            JsonLog.write(logger, level, fields);
        }
    }

    /**
     * Logs {@code fields} as one JSON object that is the whole log event. The runtime client formats only what is
     * logged as a string: under Lambda's JSON log format a string would become the escaped "message" of the
     * runtime's own object, unreadable to CloudWatch Logs Insights' field discovery. Bytes go out as they are,
     * with their level, so the log-level filter still applies and the event carries the level.
     */
    static void write(LambdaLogger logger, LogLevel level, Map<String, Object> fields) {
        logger.log((render(fields) + "\n").getBytes(StandardCharsets.UTF_8), level);
    }

    static String render(Map<String, Object> fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writeObject(json, fields);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void writeObject(JsonGenerator json, Map<String, Object> fields) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            json.writeFieldName(field.getKey());
            Object value = field.getValue();
            if (value instanceof Long number) {
                json.writeNumber(number);
            } else if (value instanceof Boolean flag) {
                json.writeBoolean(flag);
            } else if (value instanceof Map<?, ?> map) {
                writeObject(json, (Map<String, Object>) map);
            } else {
                json.writeString(String.valueOf(value));
            }
        }
        json.writeEndObject();
    }
}
