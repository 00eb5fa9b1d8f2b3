package dev.fanout.bootstrap.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * What docs/row-event.md makes of the recorded test event {@code lambda-it/pipes-event-edge.json.gz}: the golden
 * file {@code pipes-event-edge.expected.jsonl.gz} in the repository (one {@code {"row": …}} or {@code {"dead": …}}
 * per line, in input order), written by the Python reference tool {@code rowspec.py expect}; lambda-it/README.md
 * says how. The integration
 * tests compare what the function stored and answered with it, as JSON values.
 */
final class ReferenceOutput {

    static final String EVENT = "/lambda-it/pipes-event-edge.json.gz";
    static final String EXPECTED = "/lambda-it/pipes-event-edge.expected.jsonl.gz";
    static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> rows = new ArrayList<>();
    final List<JsonNode> deadLetters = new ArrayList<>();

    private ReferenceOutput() {
    }

    static ReferenceOutput load() {
        ReferenceOutput reference = new ReferenceOutput();
        for (String line : new String(resource(EXPECTED), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode item = parse(line);
            if (item.has("row")) {
                reference.rows.add(item.get("row"));
            } else {
                reference.deadLetters.add(item.get("dead"));
            }
        }
        return reference;
    }

    /** The recorded Pipes event (a JSON array of Kafka records). */
    static byte[] event() {
        return resource(EVENT);
    }

    long bundles() {
        return eventTree().size();
    }

    long deadBundles() {
        return deadLetters.stream().filter(d -> d.path("kind").asText().equals("bundle")).count();
    }

    long rejectedPoints() {
        return deadLetters.stream().filter(d -> d.path("kind").asText().equals("point")).count();
    }

    /** Dead bundles and rejected points by reason code, as the target's summary counts them. */
    Map<String, Long> rejectedByReason() {
        Map<String, Long> byReason = new TreeMap<>();
        deadLetters.forEach(d -> byReason.merge(d.path("reason").asText(), 1L, Long::sum));
        return byReason;
    }

    /** The reference rows by row id. */
    Map<String, JsonNode> rowsById() {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId.put(row.path("rowId").asText(), row));
        return byId;
    }

    /** The differences between a dead letter the function wrote and the reference's, by the spec's fields. */
    static List<String> deadLetterDifferences(JsonNode got, JsonNode want) {
        List<String> keys = new ArrayList<>(List.of("kind", "reason", "path", "bundleId", "source"));
        keys.add(want.path("kind").asText().equals("point") ? "rowId" : "payloadBase64");
        if (!want.path("reason").asText().equals("bundle.malformed_json")) {
            // Python's JSON parser words its syntax errors differently from Jackson's; the rest must match.
            keys.add("detail");
        }
        List<String> differences = new ArrayList<>();
        for (String key : keys) {
            if (!got.path(key).equals(want.path(key))) {
                differences.add(key + ": got " + got.path(key) + ", want " + want.path(key));
            }
        }
        return differences;
    }

    /** {@code row} without its provenance (a Firehose transformation knows none of the Kafka record's). */
    static JsonNode withoutSource(JsonNode row) {
        ObjectNode copy = row.deepCopy();
        copy.remove("source");
        return copy;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded event as a JSON tree (the tests' own reading of it, never the function's). */
    static JsonNode eventTree() {
        return parse(event());
    }

    static byte[] gunzip(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ReferenceOutput.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return gunzip(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
