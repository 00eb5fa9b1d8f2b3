package dev.fanout.domain.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.fanout.domain.json.JsonBuffer;
import java.io.IOException;
import java.util.Locale;

/**
 * A Jackson streaming parser plus what every reader of the bundle needs around it: the current path, the
 * string-length limit (checked on every string and key, skipped subtrees included), camelCasing of
 * snake_case keys, and typed reads of the current value with the type rules of docs/row-event.md §1.4.
 *
 * <p>A typed read never throws for a wrong type: it consumes the whole offending value and returns the
 * {@link Failure}, so the caller keeps parsing (malformed JSON later in the bytes must still win). On
 * success it returns null and leaves the value in {@link #longValue}, {@link #doubleValue},
 * {@link #stringValue} or {@link #booleanValue}, with {@link #present} false for JSON null.
 */
final class JsonCursor {

    /** Integer ranges of the protobuf scalar types. */
    enum Range { INT64, UINT64, UINT32, INT32 }

    static final String EXPECTED_OBJECT = "expected an object";
    static final String EXPECTED_ARRAY = "expected an array";
    /** Field names remembered with their camelCase form (a power of two; OTLP has a few dozen names). */
    private static final int NAME_MEMO_SLOTS = 128;

    private final int maxStringChars;
    private final JsonPath path = new JsonPath();
    private final String[] idError = new String[1];
    private JsonParser parser;
    /** The same parser when it can say where its current token starts (Jackson's byte parsers can). */
    private ParserBase offsets;
    private byte[] source;
    private String limitViolation;
    private final String[] memoNames = new String[NAME_MEMO_SLOTS];
    private final String[] memoKeys = new String[NAME_MEMO_SLOTS];
    private String key;

    boolean present;
    long longValue;
    double doubleValue;
    boolean booleanValue;
    String stringValue;
    KeyCache.Key keyValue;

    JsonCursor(int maxStringChars) {
        this.maxStringChars = maxStringChars;
    }

    /** @param source the bytes {@code newParser} reads, from offset 0 (string values are copied from them) */
    void start(JsonParser newParser, byte[] source) {
        parser = newParser;
        offsets = newParser instanceof ParserBase base ? base : null;
        this.source = source;
        path.clear();
        limitViolation = null;
    }

    JsonPath path() {
        return path;
    }

    /** Set when a string or key was longer than the limit; the bundle is then invalid (unless malformed). */
    String limitViolation() {
        return limitViolation;
    }

    JsonToken token() {
        return parser.currentToken();
    }

    /**
     * Inside an object: moves to the next key and onto its value, and returns true; false at the object's
     * end. {@link #key()} is then the key in camelCase.
     */
    boolean nextField() throws IOException {
        // nextFieldName() is Jackson's fast path for "a key is expected here"; null means the object ended.
        String name = parser.nextFieldName();
        if (name == null) {
            return false;
        }
        enterField(name);
        return true;
    }

    /**
     * {@link #nextField()} for where writers put a known key next (OTLP encoders keep the schema's field
     * order): Jackson then compares the key's bytes with {@code likely} instead of decoding and hashing the
     * name, and falls back to that when they differ. {@code likely} must be a camelCase key.
     */
    boolean nextField(SerializedString likely) throws IOException {
        if (parser.nextFieldName(likely)) {
            key = likely.getValue();
            checkLength(key);
            parser.nextToken();
            return true;
        }
        if (parser.currentToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        enterField(parser.currentName());
        return true;
    }

    /** Takes {@code name} as the current key, in camelCase, and moves onto its value. */
    private void enterField(String name) throws IOException {
        checkLength(name);
        // Jackson hands out one canonical String per distinct name, so the snake_case check is remembered per
        // instance: a field name is converted once, not once per field (indexOf is a plain loop under C1).
        int slot = name.hashCode() & (NAME_MEMO_SLOTS - 1);
        if (memoNames[slot] != name) {
            memoKeys[slot] = name.indexOf('_') < 0 ? name : camel(name);
            memoNames[slot] = name;
        }
        key = memoKeys[slot];
        parser.nextToken();
    }

    String key() {
        return key;
    }

    /**
     * Enters the array that is the current value of {@code leaf} (current token START_ARRAY); step through its
     * elements with {@link #nextElement()} or {@link #nextElementUnless}.
     */
    void enterArray(String leaf) {
        path.push(leaf);
        path.pushIndex();
    }

    /**
     * Inside an array entered with {@link #enterArray}: moves onto the next element, points the path at it and
     * returns true; at the array's end leaves the array, path included, and returns false.
     */
    boolean nextElement() throws IOException {
        if (parser.nextToken() == JsonToken.END_ARRAY) {
            path.pop();
            path.pop();
            return false;
        }
        path.nextIndex();
        return true;
    }

    /**
     * {@link #nextElement()}, except that once an element has failed the rest are consumed unread and false is
     * returned: the first bad element is the list's failure (docs/row-event.md §1.5), but the parser must
     * still read to the end so that malformed JSON later in the bytes wins.
     */
    boolean nextElementUnless(Failure failed) throws IOException {
        if (failed == null) {
            return nextElement();
        }
        while (nextElement()) {
            skip();
        }
        return false;
    }

    /** The offset in the source of the current array's {@code [} (current token START_ARRAY), or -1 if unknown. */
    int currentArrayStart() {
        if (offsets == null) {
            return -1;
        }
        // Jackson's offset for a token is that of its first byte plus one (JacksonAssumptionsTest pins this).
        long open = offsets.getTokenCharacterOffset() - 1;
        return open >= 0 && open < source.length && source[(int) open] == '[' ? (int) open : -1;
    }

    /**
     * The offset in the source just after the current array's {@code ]} (current token END_ARRAY), or -1 if
     * unknown.
     */
    int currentArrayEnd() {
        if (offsets == null || parser.currentToken() != JsonToken.END_ARRAY) {
            return -1;
        }
        long close = offsets.getTokenCharacterOffset();
        return close >= 1 && close <= source.length && source[(int) close - 1] == ']' ? (int) close : -1;
    }

    /**
     * Moves from the current array's start at {@code open} to its end just before {@code afterEnd} without
     * reading it, when the parser can ({@link ArraySkippingParser}); the caller has made sure that these bytes
     * are an array checked before. Returns false, moving nothing, when it cannot.
     */
    boolean jumpPastCurrentArray(int open, int afterEnd) throws IOException {
        return parser instanceof ArraySkippingParser skipping
                && skipping.jumpPastArray(open, afterEnd);
    }

    byte[] source() {
        return source;
    }

    Failure fail(String leaf, String detail) {
        return new Failure(path.render(leaf), detail);
    }

    /** Consumes the current value whatever it is, checking the strings and keys inside it. */
    void skip() throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            checkCurrentString();
            return;
        }
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            t = parser.nextToken();
            switch (t) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> checkLength(parser.currentName());
                case VALUE_STRING -> checkCurrentString();
                default -> {
                }
            }
        }
    }

    /** Skips a value of the wrong type and returns the failure for it. */
    Failure wrongType(String leaf, String detail) throws IOException {
        skip();
        return fail(leaf, detail);
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    boolean isObject() {
        return parser.currentToken() == JsonToken.START_OBJECT;
    }

    boolean isArray() {
        return parser.currentToken() == JsonToken.START_ARRAY;
    }

    private void checkCurrentString() throws IOException {
        int length = parser.getTextLength();
        if (length > maxStringChars && limitViolation == null) {
            int codePoints = Character.codePointCount(parser.getTextCharacters(), parser.getTextOffset(), length);
            if (codePoints > maxStringChars) {
                limitViolation = "string too long";
            }
        }
    }

    private void checkLength(String text) {
        if (text.length() > maxStringChars && limitViolation == null
                && text.codePointCount(0, text.length()) > maxStringChars) {
            limitViolation = "string too long";
        }
    }

    /** The current string value as a String (current token VALUE_STRING, already length-checked). */
    String currentText() throws IOException {
        return parser.getText();
    }

    /**
     * Writes the current string value as a JSON string. A value with nothing escaped and within the length
     * limit is copied from the input bytes as it stands, before Jackson decodes it into characters at all (it
     * then only skips it); anything else is written from the parser's decoded text.
     */
    void writeCurrentString(JsonBuffer out) throws IOException {
        // For a string token, Jackson's token offset is that of its first content byte, the quote before it
        // (JacksonAssumptionsTest pins this); decoding the token later does not move it.
        long from = offsets == null ? -1 : offsets.getTokenCharacterOffset();
        if (from > 0 && from <= source.length && source[(int) from - 1] == '"') {
            int end = JsonBuffer.plainStringEnd(source, (int) from, maxStringChars);
            if (end >= 0) {
                // No more bytes than the limit, so no more code points: nothing to check.
                out.writeQuoted(source, (int) from, end - (int) from);
                return;
            }
        }
        checkCurrentString();
        out.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    // ------------------------------------------------------------------ typed reads

    Failure readString(String leaf) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            checkCurrentString();
            stringValue = parser.getText();
            present = true;
            return null;
        }
        stringValue = null;
        present = false;
        return absentOrWrongType(t, leaf, "expected a string");
    }

    Failure readBoolean(String leaf) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            booleanValue = t == JsonToken.VALUE_TRUE;
            present = true;
            return null;
        }
        booleanValue = false;
        present = false;
        return absentOrWrongType(t, leaf, "expected a boolean");
    }

    /** For a token that is not the type being read: JSON null reads as absent, anything else is a failure. */
    private Failure absentOrWrongType(JsonToken t, String leaf, String detail) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return wrongType(leaf, detail);
    }

    /** An integer as a JSON integer or a string of an optional '-' and ASCII digits, within {@code range}. */
    Failure readInteger(String leaf, Range range) throws IOException {
        JsonToken t = parser.currentToken();
        longValue = 0;
        present = false;
        switch (t) {
            case VALUE_NULL -> {
                return null;
            }
            case VALUE_NUMBER_INT -> {
                return parseInteger(leaf, range);
            }
            case VALUE_STRING -> {
                checkCurrentString();
                if (!isIntegerText(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())) {
                    return fail(leaf, "expected an integer string");
                }
                return parseInteger(leaf, range);
            }
            default -> {
                return wrongType(leaf, "expected an integer");
            }
        }
    }

    private static boolean isIntegerText(char[] chars, int offset, int length) {
        int i = offset;
        int end = offset + length;
        if (i < end && chars[i] == '-') {
            i++;
        }
        if (i == end) {
            return false;
        }
        for (; i < end; i++) {
            if (chars[i] < '0' || chars[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses the current token's text (already known to be {@code -?[0-9]+}) exactly, with no double. */
    private Failure parseInteger(String leaf, Range range) throws IOException {
        char[] chars = parser.getTextCharacters();
        int i = parser.getTextOffset();
        int end = i + parser.getTextLength();
        boolean negative = chars[i] == '-';
        if (negative) {
            i++;
        }
        while (i < end - 1 && chars[i] == '0') {
            i++;
        }
        if (end - i > 20) {
            return fail(leaf, "integer out of range");
        }
        long magnitude = 0;
        // Up to 18 digits cannot pass 2^63; only longer numbers need the overflow checks (slow under C1,
        // which calls Math.unsignedMultiplyHigh instead of using the instruction).
        int safeEnd = Math.min(end, i + 18);
        for (; i < safeEnd; i++) {
            magnitude = magnitude * 10 + (chars[i] - '0');
        }
        for (; i < end; i++) {
            int digit = chars[i] - '0';
            long times10 = magnitude * 10;
            long sum = times10 + digit;
            if (Math.unsignedMultiplyHigh(magnitude, 10) != 0 || Long.compareUnsigned(sum, times10) < 0) {
                return fail(leaf, "integer out of range");
            }
            magnitude = sum;
        }
        boolean fits = switch (range) {
            case INT64 -> negative ? Long.compareUnsigned(magnitude, Long.MIN_VALUE) <= 0 : magnitude >= 0;
            case UINT64 -> !negative || magnitude == 0;
            case UINT32 -> (!negative || magnitude == 0) && Long.compareUnsigned(magnitude, 0xFFFF_FFFFL) <= 0;
            case INT32 -> negative ? Long.compareUnsigned(magnitude, 1L << 31) <= 0
                    : Long.compareUnsigned(magnitude, Integer.MAX_VALUE) <= 0;
        };
        if (!fits) {
            return fail(leaf, "integer out of range");
        }
        longValue = negative ? -magnitude : magnitude;
        present = true;
        return null;
    }

    /**
     * A double as a JSON number, a numeric string (RFC 8259 number grammar) or exactly "NaN", "Infinity",
     * "-Infinity". A JSON integer converts as Python's {@code float(int)} does (so {@code -0} is 0.0).
     */
    Failure readDouble(String leaf) throws IOException {
        JsonToken t = parser.currentToken();
        doubleValue = 0;
        present = false;
        switch (t) {
            case VALUE_NULL -> {
                return null;
            }
            case VALUE_NUMBER_FLOAT -> doubleValue = parser.getDoubleValue();
            case VALUE_NUMBER_INT -> doubleValue = parser.getTextLength() <= 18
                    ? (double) parser.getLongValue()
                    : Double.parseDouble(parser.getText());
            case VALUE_STRING -> {
                checkCurrentString();
                String text = parser.getText();
                switch (text) {
                    case "NaN" -> doubleValue = Double.NaN;
                    case "Infinity" -> doubleValue = Double.POSITIVE_INFINITY;
                    case "-Infinity" -> doubleValue = Double.NEGATIVE_INFINITY;
                    default -> {
                        if (!isNumberText(text)) {
                            return fail(leaf, "expected a numeric string");
                        }
                        doubleValue = Double.parseDouble(text);
                    }
                }
            }
            default -> {
                return wrongType(leaf, "expected a number");
            }
        }
        present = true;
        return null;
    }

    /** RFC 8259: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    static boolean isNumberText(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i == n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (s.charAt(i) >= '1' && s.charAt(i) <= '9') {
            i = digitsEnd(s, i);
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            int start = i + 1;
            i = digitsEnd(s, start);
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = digitsEnd(s, start);
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    /** The index after the run of ASCII digits that starts at {@code i} (i itself when there is none). */
    private static int digitsEnd(String s, int i) {
        int n = s.length();
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * {@code aggregationTemporality}: an integer (1 delta, 2 cumulative, anything else unspecified, as 0) or
     * one of the three enum names. Absent means 0.
     */
    Failure readTemporality(String leaf) throws IOException {
        JsonToken t = parser.currentToken();
        longValue = 0;
        switch (t) {
            case VALUE_NULL -> {
                return null;
            }
            case VALUE_NUMBER_INT -> {
                // JSON integers have no leading zeros, so the text identifies 1 and 2 exactly.
                if (parser.getTextLength() == 1) {
                    char c = parser.getTextCharacters()[parser.getTextOffset()];
                    longValue = c == '1' ? 1 : c == '2' ? 2 : 0;
                }
                return null;
            }
            case VALUE_STRING -> {
                checkCurrentString();
                switch (parser.getText()) {
                    case "AGGREGATION_TEMPORALITY_UNSPECIFIED" -> longValue = 0;
                    case "AGGREGATION_TEMPORALITY_DELTA" -> longValue = 1;
                    case "AGGREGATION_TEMPORALITY_CUMULATIVE" -> longValue = 2;
                    default -> {
                        return fail(leaf, "expected an enum");
                    }
                }
                return null;
            }
            default -> {
                return wrongType(leaf, "expected an enum");
            }
        }
    }

    /**
     * An attribute key: on success {@link #keyValue} is the cached key, or null when the key is JSON null
     * (the caller then uses the empty key).
     */
    Failure readKey(String leaf, KeyCache keys) throws IOException {
        JsonToken t = parser.currentToken();
        keyValue = null;
        if (t == JsonToken.VALUE_STRING) {
            checkCurrentString();
            keyValue = keys.get(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            return null;
        }
        return absentOrWrongType(t, leaf, "expected a string");
    }

    /** A trace or span id: {@link #stringValue} is lowercase hex, or null when absent or empty. */
    Failure readId(String leaf, int byteCount) throws IOException {
        Failure failure = readString(leaf);
        if (failure != null || stringValue == null || stringValue.isEmpty()) {
            stringValue = null;
            return failure;
        }
        String hex = IdText.toHex(stringValue, byteCount, idError);
        stringValue = hex;
        return hex == null ? fail(leaf, idError[0]) : null;
    }

    /** docs/row-event.md §1.3: {@code data_points} → {@code dataPoints} (each {@code _x} becomes {@code X}). */
    static String camel(String key) {
        String[] parts = key.split("_", -1);
        StringBuilder sb = new StringBuilder(key.length()).append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (!part.isEmpty()) {
                int first = Character.charCount(part.codePointAt(0));
                sb.append(part.substring(0, first).toUpperCase(Locale.ROOT)).append(part, first, part.length());
            }
        }
        return sb.toString();
    }
}
