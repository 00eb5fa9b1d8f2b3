package dev.fanout.adapters.aws.pipes;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.OutgoingRecord;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the records of one EventBridge Pipes Kafka event (a top-level JSON array: EventBridge Pipes user guide, Amazon MSK source)
 * one at a time with jackson-core's streaming parser, so a 6 MB event is never held as a tree.
 *
 * <p>A record whose value decodes to more than the bundle limit becomes a {@link BundleEnvelope.TooLarge}: its
 * value is decoded a piece at a time only to count and hash it, so no bundle beyond the limit is ever held
 * decoded. Per-record problems become {@link BundleEnvelope.BadEnvelope}s; a problem with the event itself (not
 * UTF-8, not JSON, not an array, trailing content) is a {@link NotAnEvent}, because then the bytes are no
 * Pipes event at all.
 */
final class PipesRecordReader implements AutoCloseable {

    /** The bytes are not a Pipes event: not UTF-8 JSON, not a top-level array, or broken after the start. */
    static final class NotAnEvent extends Exception {
        NotAnEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            // A recorded event replayed locally may hold bundles up to the bundle limit and beyond (they
            // must become bundle.too_large, not turn the whole file into one plain bundle).
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .build())
            .build();

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

    /** Base64 characters decoded at a time for an oversized value: a multiple of 4. */
    private static final int OVERSIZED_PIECE_CHARS = 64 << 10;

    private final Payload event;
    private final Provenance fallback;
    private final long maxBundleBytes;
    private final JsonParser parser;
    private final boolean keysAndHeaders;
    private int index;
    private boolean ended;
    private Optional<Payload> lastKey = Optional.empty();
    private List<OutgoingRecord.Header> lastHeaders = List.of();

    private PipesRecordReader(Payload event, Provenance fallback, long maxBundleBytes, JsonParser parser,
                              boolean keysAndHeaders) {
        this.event = event;
        this.fallback = fallback;
        this.maxBundleBytes = maxBundleBytes;
        this.parser = parser;
        this.keysAndHeaders = keysAndHeaders;
    }

    /**
     * Opens the event and reads up to its opening bracket.
     *
     * @param maxBundleBytes the bundle limit: a record value decoding to more is a {@link BundleEnvelope.TooLarge}
     */
    static PipesRecordReader open(Payload event, Provenance fallback, long maxBundleBytes) throws NotAnEvent {
        return open(event, fallback, maxBundleBytes, false);
    }

    /**
     * Like {@link #open(Payload, Provenance, long)}; with {@code keysAndHeaders}, each record's {@code key} and
     * {@code headers} are read too ({@link #lastKey()}, {@link #lastHeaders()}), for republishing the records.
     */
    static PipesRecordReader open(Payload event, Provenance fallback, long maxBundleBytes, boolean keysAndHeaders)
            throws NotAnEvent {
        if (maxBundleBytes < 1) {
            throw new IllegalArgumentException("the bundle limit must be positive, got " + maxBundleBytes);
        }
        int badUtf8 = Utf8.firstInvalidByte(event.bytes());
        if (badUtf8 >= 0) {
            throw new NotAnEvent("not UTF-8: invalid byte sequence at byte " + badUtf8, null);
        }
        JsonParser parser = null;
        try {
            parser = JSON.createParser(event.bytes());
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new NotAnEvent("not a JSON array: the document starts with "
                        + (first == null ? "nothing" : first.asString() == null ? first.name() : first.asString()), null);
            }
            return new PipesRecordReader(event, fallback, maxBundleBytes, parser, keysAndHeaders);
        } catch (IOException e) {
            close(parser);
            throw new NotAnEvent("not JSON: " + errorMessage(e), e);
        } catch (NotAnEvent e) {
            close(parser);
            throw e;
        }
    }

    /** The next record's envelope, or empty after the closing bracket (and nothing but whitespace after it). */
    Optional<BundleEnvelope> next() throws NotAnEvent {
        if (ended) {
            return Optional.empty();
        }
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                ended = true;
                JsonToken trailing = parser.nextToken();
                if (trailing != null) {
                    throw new NotAnEvent("not one JSON document: content after the closing bracket at byte "
                            + parser.currentTokenLocation().getByteOffset(), null);
                }
                return Optional.empty();
            }
            if (token == null) {
                throw new NotAnEvent("not JSON: the array is not closed", null);
            }
            int recordIndex = index++;
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return Optional.of(new BundleEnvelope.BadEnvelope(fallback,
                        "record " + recordIndex + " is not a JSON object but " + describe(token), Payload.empty()));
            }
            return Optional.of(readRecord(recordIndex));
        } catch (IOException e) {
            throw new NotAnEvent("not JSON: " + errorMessage(e), e);
        }
    }

    /** The base64-decoded {@code key} of the record {@link #next()} read last, when it had one. */
    Optional<Payload> lastKey() {
        return lastKey;
    }

    /** The {@code headers} of the record {@link #next()} read last ({@code [{"name":[bytes…]}, …]}). */
    List<OutgoingRecord.Header> lastHeaders() {
        return lastHeaders;
    }

    /** Bytes of the event consumed so far. */
    long bytesRead() {
        if (ended) {
            return event.size();
        }
        long offset = parser.currentLocation().getByteOffset();
        return Math.max(0, Math.min(offset, event.size()));
    }

    @Override
    public void close() {
        close(parser);
    }

    private BundleEnvelope readRecord(int recordIndex) throws IOException {
        String topic = null;
        Integer partition = null;
        Long offset = null;
        String topicProblem = "no topic";
        String partitionProblem = "no partition";
        String offsetProblem = "no offset";
        String valueText = null;
        PlainBase64.Decoded plain = null;
        String valueProblem = "value is absent";
        lastKey = Optional.empty();
        lastHeaders = List.of();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "topic" -> {
                    topic = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    topicProblem = topic == null ? "topic is " + describe(value) + ", not a string" : null;
                }
                case "partition" -> {
                    Long number = integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    partition = number == null ? null : number.intValue();
                    partitionProblem = number == null ? "partition " + shown(value) + " is not an int" : null;
                }
                case "offset" -> {
                    offset = integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
                    offsetProblem = offset == null ? "offset " + shown(value) + " is not a long" : null;
                }
                case "value" -> {
                    // Plain strict base64 is decoded from the event's bytes, without its text; the rest is read.
                    plain = value == JsonToken.VALUE_STRING ? plainBase64() : null;
                    valueText = value == JsonToken.VALUE_STRING && plain == null ? parser.getText() : null;
                    valueProblem = valueText == null && plain == null
                            ? "value is " + describe(value) + ", not a base64 string" : null;
                }
                case "key" -> {
                    if (keysAndHeaders && value == JsonToken.VALUE_STRING) {
                        lastKey = base64(parser.getText());
                    }
                }
                case "headers" -> {
                    if (keysAndHeaders && value == JsonToken.START_ARRAY) {
                        lastHeaders = headers();
                    }
                }
                default -> { }
            }
            parser.skipChildren();
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("record " + recordIndex + " is not closed");
        }
        if (topic == null || partition == null || offset == null) {
            String why = firstOf(topicProblem, partitionProblem, offsetProblem);
            Payload undecoded = plain != null ? new Payload(plain.undecoded(event.bytes()))
                    : valueText != null ? Payload.utf8(valueText) : Payload.empty();
            return new BundleEnvelope.BadEnvelope(fallback,
                    "record " + recordIndex + " has no Kafka provenance: " + why, undecoded);
        }
        Provenance.KafkaRecord source = new Provenance.KafkaRecord(topic, partition, offset);
        if (plain != null) {
            return new BundleEnvelope.RawBundle(new Payload(plain.bytes()), source);
        }
        if (valueText == null) {
            return new BundleEnvelope.BadEnvelope(source, valueProblem, Payload.empty());
        }
        Payload undecoded = Payload.utf8(valueText);
        String base64Problem = strictBase64Problem(valueText);
        if (base64Problem != null) {
            return new BundleEnvelope.BadEnvelope(source, "value is not strict base64: " + base64Problem, undecoded);
        }
        long decodedBytes = valueText.length() / 4 * 3L - padding(valueText);
        if (decodedBytes > maxBundleBytes) {
            return tooLarge(valueText, decodedBytes, source);
        }
        try {
            return new BundleEnvelope.RawBundle(new Payload(Base64.getDecoder().decode(valueText)), source);
        } catch (IllegalArgumentException e) {
            return new BundleEnvelope.BadEnvelope(source, "value is not strict base64: " + e.getMessage(), undecoded);
        }
    }

    /**
     * The current string token decoded by {@link PlainBase64} from the event's bytes, or null (then its text is
     * read). The parser has not read the string's characters yet (it reads them only when asked, as
     * {@code getText} does): the token's location is its opening quote, and the parser later skips the string.
     */
    private PlainBase64.Decoded plainBase64() {
        long quote = parser.currentTokenLocation().getByteOffset();
        return quote < 0 || quote > Integer.MAX_VALUE ? null
                : PlainBase64.decode(event.bytes(), (int) quote, maxBundleBytes);
    }

    /** A value past the bundle limit, decoded a piece at a time into its hash and first bytes (strict base64). */
    private static BundleEnvelope.TooLarge tooLarge(String base64, long size, Provenance source) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] prefix = new byte[(int) Math.min(size, BundleEnvelope.TooLarge.KEPT_PREFIX_BYTES)];
        int kept = 0;
        Base64.Decoder decoder = Base64.getDecoder();
        for (int at = 0; at < base64.length(); at += OVERSIZED_PIECE_CHARS) {
            byte[] piece = decoder.decode(base64.substring(at, Math.min(base64.length(), at + OVERSIZED_PIECE_CHARS)));
            int keep = Math.min(piece.length, prefix.length - kept);
            System.arraycopy(piece, 0, prefix, kept, keep);
            kept += keep;
            sha256.update(piece);
        }
        return new BundleEnvelope.TooLarge(source, size, HexFormat.of().formatHex(sha256.digest()), new Payload(prefix));
    }

    private static int padding(String base64) {
        int padding = 0;
        while (padding < 2 && padding < base64.length() && base64.charAt(base64.length() - 1 - padding) == '=') {
            padding++;
        }
        return padding;
    }

    private static Optional<Payload> base64(String text) {
        try {
            return Optional.of(new Payload(Base64.getDecoder().decode(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code [{"name":[byte, …]}, …]}, read up to its closing bracket; bytes may be signed (masked). */
    private List<OutgoingRecord.Header> headers() throws IOException {
        List<OutgoingRecord.Header> headers = new ArrayList<>();
        for (JsonToken entry = parser.nextToken(); entry != JsonToken.END_ARRAY; entry = parser.nextToken()) {
            if (entry != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                for (JsonToken b = parser.nextToken(); b != JsonToken.END_ARRAY; b = parser.nextToken()) {
                    if (b == JsonToken.VALUE_NUMBER_INT) {
                        bytes.write(parser.getIntValue() & 0xFF);
                    } else {
                        parser.skipChildren();
                    }
                }
                headers.add(new OutgoingRecord.Header(name, new Payload(bytes.toByteArray())));
            }
        }
        return List.copyOf(headers);
    }

    /**
     * Why {@code text} is not standard base64 as Python's {@code b64decode(validate=True)} reads it, or null:
     * the alphabet {@code A-Za-z0-9+/}, at most two {@code =} and only at the end, length a multiple of 4.
     */
    static String strictBase64Problem(String text) {
        int length = text.length();
        if (length % 4 != 0) {
            return "length " + length + " is not a multiple of 4";
        }
        int padding = 0;
        while (padding < length && text.charAt(length - 1 - padding) == '=') {
            padding++;
        }
        if (padding > 2) {
            return "more than two padding characters";
        }
        for (int i = 0; i < length - padding; i++) {
            char c = text.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/';
            if (!alphabet) {
                return "character " + printable(c) + " at position " + i + " is not in the base64 alphabet";
            }
        }
        return null;
    }

    /** An integer token, or a string of an optional minus and decimal digits, within the bounds; else null. */
    private Long integer(JsonToken token, long min, long max) throws IOException {
        long value;
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return null;
            }
            value = parser.getLongValue();
        } else if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            if (!DECIMAL.matcher(text).matches()) {
                return null;
            }
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        return value < min || value > max ? null : value;
    }

    private String shown(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getText();
        }
        return describe(token);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static String firstOf(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return "unknown";
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    private static String errorMessage(IOException e) {
        return e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
    }

    private static void close(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // a parser over a byte array has nothing to release
            }
        }
    }

    /** A strict UTF-8 check, as Python's {@code bytes.decode("utf-8")} does it. */
    static final class Utf8 {
        /** Eight bytes at a time, to skip ASCII (almost all of an event: its values are base64) a word at a time. */
        private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);
        private static final long HIGH_BITS = 0x8080808080808080L;

        private Utf8() {
        }

        /** The index of the first byte that starts an invalid sequence, or -1 when all is valid UTF-8. */
        static int firstInvalidByte(byte[] bytes) {
            int i = 0;
            int n = bytes.length;
            while (i < n) {
                // With C1 alone (the java21 runtime's default), a word at a time is about five times faster.
                if (i < n - 7 && ((long) WORDS.get(bytes, i) & HIGH_BITS) == 0) {
                    i += 8;
                    continue;
                }
                int b = bytes[i];
                if (b >= 0) {
                    i++;
                    continue;
                }
                b &= 0xFF;
                int need;
                int min;
                if (b >= 0xC2 && b <= 0xDF) {
                    need = 1;
                    min = 0x80;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    need = 2;
                    min = 0x800;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    need = 3;
                    min = 0x10000;
                } else {
                    return i;
                }
                if (i + need >= n) {
                    return i;
                }
                int code = b & (0x3F >> need);
                for (int k = 1; k <= need; k++) {
                    int c = bytes[i + k] & 0xFF;
                    if ((c & 0xC0) != 0x80) {
                        return i;
                    }
                    code = (code << 6) | (c & 0x3F);
                }
                if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                    return i;
                }
                i += need + 1;
            }
            return -1;
        }
    }
}
