package dev.fanout.domain.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON line read into plain values (maps in key order, lists, strings, {@code Long} or {@code BigInteger}
 * integers, {@code Double}s, booleans, null), for checking stored rows and dead letters ({@code fanout verify}, {@code fanout redrive}); never on the hot path.
 */
public final class JsonTree {

    /** The line is not one JSON value. */
    public static final class NotJson extends Exception {
        NotJson(String message) {
            super(message);
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(1_000).build())
            .build();

    private JsonTree() {
    }

    /** The line's one value; {@link NotJson} when it is not exactly one JSON value. */
    public static Object parse(byte[] line) throws NotJson {
        try (JsonParser parser = JSON.createParser(line)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new NotJson("an empty line");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new NotJson("content after the JSON value");
            }
            return value;
        } catch (JacksonException e) {
            throw new NotJson("not JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        } catch (IOException e) {
            throw new NotJson("not JSON: " + e.getMessage());
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(read(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + token);
        };
    }
}
