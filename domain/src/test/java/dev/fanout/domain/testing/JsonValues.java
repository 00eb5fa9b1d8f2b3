package dev.fanout.domain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * JSON values compared as the golden files are (src/test/resources/conformance/README.md): numbers by value,
 * but an integer never equals a fractional number ({@code 8} is not {@code 8.0}, docs/row-event.md §3); plus
 * key order, which §3 fixes too.
 */
public final class JsonValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonValues() {
    }

    public static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** The places where {@code got} differs from {@code expected}; empty when they are the same value. */
    public static List<String> differences(JsonNode got, JsonNode expected) {
        List<String> out = new ArrayList<>();
        compare(got, expected, "$", out);
        return out;
    }

    private static void compare(JsonNode got, JsonNode expected, String path, List<String> out) {
        if (got.isObject() && expected.isObject()) {
            List<String> gotKeys = keys(got);
            List<String> expectedKeys = keys(expected);
            if (!gotKeys.equals(expectedKeys)) {
                out.add(path + ": keys " + gotKeys + " != " + expectedKeys);
            }
            for (String key : expectedKeys) {
                if (got.has(key)) {
                    compare(got.get(key), expected.get(key), path + "." + key, out);
                }
            }
        } else if (got.isArray() && expected.isArray()) {
            if (got.size() != expected.size()) {
                out.add(path + ": " + got.size() + " elements != " + expected.size());
                return;
            }
            for (int i = 0; i < got.size(); i++) {
                compare(got.get(i), expected.get(i), path + "[" + i + "]", out);
            }
        } else if (got.isIntegralNumber() && expected.isIntegralNumber()) {
            if (!got.bigIntegerValue().equals(expected.bigIntegerValue())) {
                out.add(path + ": " + got + " != " + expected);
            }
        } else if (got.isFloatingPointNumber() && expected.isFloatingPointNumber()) {
            if (got.doubleValue() != expected.doubleValue()) {
                out.add(path + ": " + got + " != " + expected);
            }
        } else if (got.getNodeType() != expected.getNodeType() || got.isNumber() || !got.equals(expected)) {
            out.add(path + ": " + got + " != " + expected);
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }
}
