package dev.fanout.domain.otlp;

import com.fasterxml.jackson.core.io.SerializedString;
import dev.fanout.domain.json.JsonBuffer;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code KeyValue} lists and {@code AnyValue}s and renders them straight into the row's JSON form
 * (docs/row-event.md §3.1) in the shared scratch buffer: key → value in input order, a repeated key's last value in the
 * position of its first, nested arrays and kvlists recursively, an empty or absent value as {@code null}.
 *
 * <p>Errors follow the order of docs/row-event.md §1.5: within a list the first bad element wins; within a {@code KeyValue}
 * the key before the value; within an {@code AnyValue} "more than one value" before the type of the one
 * value. JSON key order is free, so each object is resolved when it ends.
 */
final class AttributeReader {

    private static final int STRING = 0;
    private static final int BOOL = 1;
    private static final int INT = 2;
    private static final int DOUBLE = 3;
    private static final int BYTES = 4;
    private static final int ARRAY = 5;
    private static final int KVLIST = 6;
    private static final String[] VALUE_KEYS = {"stringValue", "boolValue", "intValue", "doubleValue", "bytesValue",
            "arrayValue", "kvlistValue"};
    // The keys that usually come next; any order is read, these only take Jackson's faster path.
    private static final SerializedString KEY = new SerializedString("key");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString STRING_VALUE = new SerializedString("stringValue");
    private static final byte[] EMPTY_OBJECT = {'{', '}'};
    private static final byte[] EMPTY_ARRAY = {'[', ']'};

    private final JsonCursor c;
    private final JsonBuffer buf;
    private final KeyCache keys;
    private final KeyCache.Key emptyKey;
    private final LevelPool<Entries> lists = new LevelPool<>(Entries::new);
    private final LevelPool<Slots> anys = new LevelPool<>(Slots::new);
    private final RepeatedLists repeated = new RepeatedLists();
    /** The string a captured value renders as (see {@link RenderedAttributes#stringValue}), or null. */
    private String lastString;

    /** The result of the last successful {@link #read}. */
    RenderedAttributes attributes = RenderedAttributes.EMPTY;

    AttributeReader(JsonCursor cursor, JsonBuffer scratch, Set<String> lookupKeys) {
        this.c = cursor;
        this.buf = scratch;
        this.keys = new KeyCache(lookupKeys);
        this.emptyKey = keys.get("");
    }

    /** Reads the list that is the current value of {@code leaf}; on success the result is in {@link #attributes}. */
    Failure read(String leaf) throws IOException {
        attributes = RenderedAttributes.EMPTY;
        if (c.isNull()) {
            return null;
        }
        if (!c.isArray()) {
            return c.wrongType(leaf, JsonCursor.EXPECTED_ARRAY);
        }
        int mark = buf.size();
        Failure failure = renderList(leaf);
        if (failure != null) {
            return failure;
        }
        Entries entries = lists.lastLeft();
        if (entries.kept > 0) {
            attributes = new RenderedAttributes(buf.copy(mark, buf.size()), entries.lookupKeys(), entries.lookupValues());
        }
        buf.truncate(mark);
        return null;
    }

    /**
     * {@link #read} for lists that come back bundle after bundle (a data point's attributes): a list whose
     * bytes were rendered before, without a limit violation, is not read again and its rendering is reused.
     * The parser jumps past such a list when it can ({@link ArraySkippingParser}); a list met for the first
     * time is read, then kept with the bytes from its {@code [} to its {@code ]}.
     */
    Failure readRepeating(String leaf) throws IOException {
        int open = c.isArray() ? c.currentArrayStart() : -1;
        if (open < 0) {
            return read(leaf);
        }
        byte[] source = c.source();
        RenderedAttributes known = repeated.findAt(source, open);
        // Met before: the parser jumps past the bytes instead of tokenising them again.
        if (known != null && c.jumpPastCurrentArray(open, repeated.end())) {
            attributes = known;
            return null;
        }
        Failure failure = read(leaf);
        int end = c.currentArrayEnd();
        // A list with a too-long string renders, but the bundle is refused: such a list is not kept.
        if (failure == null && c.limitViolation() == null && end > open) {
            repeated.keep(source, open, end, attributes);
        }
        return failure;
    }

    /**
     * Renders the list (current token START_ARRAY) as an object at the end of the buffer, from the buffer size
     * on entry. On failure the buffer is as on entry.
     */
    private Failure renderList(String leaf) throws IOException {
        int mark = buf.size();
        Entries entries = lists.enter();
        entries.clear();
        try {
            c.enterArray(leaf);
            Failure failure = null;
            while (c.nextElementUnless(failure)) {
                failure = readKeyValue(entries);
            }
            if (failure != null) {
                buf.truncate(mark);
                return failure;
            }
            entries.resolveDuplicates();
            int assembled = buf.size();
            buf.writeByte('{');
            boolean first = true;
            for (int i = 0; i < entries.count; i++) {
                if (entries.dropped[i]) {
                    continue;
                }
                if (!first) {
                    buf.writeByte(',');
                }
                first = false;
                buf.writeBytes(entries.keys[i].json());
                buf.writeBytes(buf.array(), entries.starts[i], entries.ends[i] - entries.starts[i]);
            }
            buf.writeByte('}');
            buf.moveTailTo(assembled, mark);
            return null;
        } finally {
            lists.leave();
        }
    }

    private Failure readKeyValue(Entries entries) throws IOException {
        if (c.isNull()) {
            int start = buf.size();
            buf.writeNull();
            entries.add(emptyKey, start, buf.size(), null);
            return null;
        }
        if (!c.isObject()) {
            return c.wrongType(null, JsonCursor.EXPECTED_OBJECT);
        }
        KeyCache.Key key = null;
        Failure keyFailure = null;
        Failure valueFailure = null;
        boolean valueSeen = false;
        int start = 0;
        int end = 0;
        String captured = null;
        while (c.nextField(key == null ? KEY : VALUE)) {
            switch (c.key()) {
                case "key" -> {
                    keyFailure = c.readKey("key", keys);
                    key = c.keyValue;
                }
                case "value" -> {
                    // The key may still follow the value (key order is free): capture when unsure.
                    boolean capture = key == null || key.lookup();
                    c.path().push("value");
                    start = buf.size();
                    valueFailure = renderAnyValue(capture);
                    end = buf.size();
                    captured = lastString;
                    c.path().pop();
                    valueSeen = true;
                }
                default -> c.skip();
            }
        }
        if (keyFailure != null) {
            return keyFailure;
        }
        if (valueFailure != null) {
            return valueFailure;
        }
        if (!valueSeen) {
            start = buf.size();
            buf.writeNull();
            end = buf.size();
            captured = null;
        }
        if (key == null) {
            key = emptyKey;
        }
        if (captured != null && (captured.isEmpty() || !key.lookup())) {
            captured = null;
        }
        entries.add(key, start, end, captured);
        return null;
    }

    /**
     * Renders the current value as an {@code AnyValue} at the end of the buffer. The path already points at
     * the value. On failure the buffer may hold garbage past its size on entry; callers truncate.
     */
    private Failure renderAnyValue(boolean capture) throws IOException {
        lastString = null;
        if (c.isNull()) {
            buf.writeNull();
            return null;
        }
        if (!c.isObject()) {
            return c.wrongType(null, JsonCursor.EXPECTED_OBJECT);
        }
        int mark = buf.size();
        Slots slots = anys.enter();
        try {
            int present = 0;
            while (c.nextField(STRING_VALUE)) {
                int slot = slotOf(c.key());
                if (slot < 0) {
                    c.skip();
                    continue;
                }
                if (c.isNull()) {
                    present &= ~(1 << slot);
                    continue;
                }
                present |= 1 << slot;
                slots.starts[slot] = buf.size();
                slots.failures[slot] = renderValue(slot, capture);
                slots.ends[slot] = buf.size();
                slots.captured[slot] = lastString;
            }
            if (present == 0) {
                buf.truncate(mark);
                buf.writeNull();
                lastString = null;
                return null;
            }
            if (Integer.bitCount(present) > 1) {
                buf.truncate(mark);
                lastString = null;
                return c.fail(null, "more than one value");
            }
            int slot = Integer.numberOfTrailingZeros(present);
            if (slots.failures[slot] != null) {
                buf.truncate(mark);
                lastString = null;
                return slots.failures[slot];
            }
            buf.truncate(slots.ends[slot]);
            buf.moveTailTo(slots.starts[slot], mark);
            lastString = slots.captured[slot];
            return null;
        } finally {
            anys.leave();
        }
    }

    private static int slotOf(String key) {
        return switch (key) {
            case "stringValue" -> STRING;
            case "boolValue" -> BOOL;
            case "intValue" -> INT;
            case "doubleValue" -> DOUBLE;
            case "bytesValue" -> BYTES;
            case "arrayValue" -> ARRAY;
            case "kvlistValue" -> KVLIST;
            default -> -1;
        };
    }

    /** Renders one non-null value of an AnyValue; sets {@link #lastString} for string-rendered values. */
    private Failure renderValue(int slot, boolean capture) throws IOException {
        lastString = null;
        String leaf = VALUE_KEYS[slot];
        switch (slot) {
            case STRING, BYTES -> {
                if (c.token() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    return c.wrongType(leaf, "expected a string");
                }
                // Rendered from the parser's buffer either way (a char array loop, cheaper under C1 than
                // String.charAt); a value that may fill a profile field is also kept as a String.
                c.writeCurrentString(buf);
                if (capture) {
                    lastString = c.currentText();
                }
                return null;
            }
            case BOOL -> {
                Failure failure = c.readBoolean(leaf);
                if (failure == null) {
                    buf.writeBoolean(c.booleanValue);
                }
                return failure;
            }
            case INT -> {
                Failure failure = c.readInteger(leaf, JsonCursor.Range.INT64);
                if (failure == null) {
                    buf.writeLong(c.longValue);
                }
                return failure;
            }
            case DOUBLE -> {
                Failure failure = c.readDouble(leaf);
                if (failure == null) {
                    double d = c.doubleValue;
                    buf.writeDouble(d);
                    if (capture && (Double.isNaN(d) || Double.isInfinite(d))) {
                        lastString = Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
                    }
                }
                return failure;
            }
            case ARRAY -> {
                return renderValues(leaf, false);
            }
            default -> {
                return renderValues(leaf, true);
            }
        }
    }

    /**
     * An {@code ArrayValue} or {@code KeyValueList}: both are an object whose {@code values} list is rendered,
     * as {@code [v,…]} or as {@code {k:v,…}}; absent or null {@code values} render empty.
     */
    private Failure renderValues(String leaf, boolean keyValues) throws IOException {
        if (!c.isObject()) {
            return c.wrongType(leaf, JsonCursor.EXPECTED_OBJECT);
        }
        byte[] empty = keyValues ? EMPTY_OBJECT : EMPTY_ARRAY;
        JsonPath path = c.path();
        int start = buf.size();
        buf.writeBytes(empty);
        Failure failure = null;
        path.push(leaf);
        while (c.nextField()) {
            if (!c.key().equals("values")) {
                c.skip();
                continue;
            }
            // A repeated "values" replaces the earlier one, as in Python's dict.
            buf.truncate(start);
            failure = null;
            if (c.isNull()) {
                buf.writeBytes(empty);
                continue;
            }
            if (!c.isArray()) {
                failure = c.wrongType("values", JsonCursor.EXPECTED_ARRAY);
                continue;
            }
            failure = keyValues ? renderList("values") : renderArray("values");
        }
        path.pop();
        lastString = null;
        return failure;
    }

    /**
     * Renders the array of AnyValues (current token START_ARRAY) as {@code [v,…]} at the end of the buffer. On
     * failure the buffer may hold garbage past its size on entry; callers truncate.
     */
    private Failure renderArray(String leaf) throws IOException {
        buf.writeByte('[');
        c.enterArray(leaf);
        Failure failure = null;
        boolean first = true;
        while (c.nextElementUnless(failure)) {
            if (!first) {
                buf.writeByte(',');
            }
            first = false;
            failure = renderAnyValue(false);
        }
        buf.writeByte(']');
        return failure;
    }

    /** Where each value key of one AnyValue was rendered; reused per nesting level. */
    private static final class Slots {
        final int[] starts = new int[7];
        final int[] ends = new int[7];
        final Failure[] failures = new Failure[7];
        final String[] captured = new String[7];
    }

    /** The entries of one attribute list being rendered; reused per nesting level. */
    private static final class Entries {
        private static final int LINEAR_SCAN_LIMIT = 32;
        KeyCache.Key[] keys = new KeyCache.Key[16];
        int[] starts = new int[16];
        int[] ends = new int[16];
        String[] captured = new String[16];
        boolean[] dropped = new boolean[16];
        int count;
        int kept;
        int capturedCount;

        void clear() {
            count = 0;
            kept = 0;
            capturedCount = 0;
        }

        void add(KeyCache.Key key, int start, int end, String value) {
            if (count == keys.length) {
                int n = count * 2;
                keys = Arrays.copyOf(keys, n);
                starts = Arrays.copyOf(starts, n);
                ends = Arrays.copyOf(ends, n);
                captured = Arrays.copyOf(captured, n);
                dropped = Arrays.copyOf(dropped, n);
            }
            keys[count] = key;
            starts[count] = start;
            ends[count] = end;
            captured[count] = value;
            dropped[count] = false;
            count++;
        }

        /** A repeated key keeps its first position and takes the last value; the later entries drop out. */
        void resolveDuplicates() {
            if (count <= LINEAR_SCAN_LIMIT) {
                for (int i = 1; i < count; i++) {
                    KeyCache.Key key = keys[i];
                    int hash = key.text().hashCode();
                    for (int j = 0; j < i; j++) {
                        if (!dropped[j] && (keys[j] == key
                                || keys[j].text().hashCode() == hash && keys[j].text().equals(key.text()))) {
                            takeOver(j, i);
                            break;
                        }
                    }
                }
            } else {
                Map<String, Integer> firstIndex = new HashMap<>(count * 2);
                for (int i = 0; i < count; i++) {
                    Integer j = firstIndex.putIfAbsent(keys[i].text(), i);
                    if (j != null) {
                        takeOver(j, i);
                    }
                }
            }
            kept = 0;
            capturedCount = 0;
            for (int i = 0; i < count; i++) {
                if (!dropped[i]) {
                    kept++;
                    if (captured[i] != null) {
                        capturedCount++;
                    }
                }
            }
        }

        private void takeOver(int first, int later) {
            starts[first] = starts[later];
            ends[first] = ends[later];
            captured[first] = captured[later];
            dropped[later] = true;
        }

        String[] lookupKeys() {
            String[] out = new String[capturedCount];
            int o = 0;
            for (int i = 0; i < count; i++) {
                if (!dropped[i] && captured[i] != null) {
                    out[o++] = keys[i].text();
                }
            }
            return out;
        }

        String[] lookupValues() {
            String[] out = new String[capturedCount];
            int o = 0;
            for (int i = 0; i < count; i++) {
                if (!dropped[i] && captured[i] != null) {
                    out[o++] = captured[i];
                }
            }
            return out;
        }
    }
}
