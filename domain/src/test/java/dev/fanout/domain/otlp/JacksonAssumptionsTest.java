package dev.fanout.domain.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the decoder relies on, or works around, in Jackson's streaming parser. If an upgrade changes one of
 * these, the decoder's limit or UTF-8 handling has to change with it.
 */
class JacksonAssumptionsTest {

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static void readAll(JsonFactory factory, byte[] json) throws IOException {
        try (JsonParser parser = factory.createParser(json)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.VALUE_STRING) {
                    parser.getText();
                }
            }
        }
    }

    @Test
    void maxNestingDepth_countsTheTopLevelValueAsOne_likeTheSpec() throws IOException {
        // given
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

        // when / then
        readAll(factory, nested(64).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> readAll(factory, nested(65).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StreamConstraintsException.class)
                .hasMessageContaining("nesting depth (65)");
    }

    @Test
    void parser_acceptsOverlongUtf8AndAByteOrderMark_soTheDecoderChecksUtf8Itself() throws IOException {
        // given
        JsonFactory factory = new JsonFactory();
        byte[] overlong = {'"', (byte) 0xC0, (byte) 0x80, '"'};
        byte[] aboveMaxCodePoint = {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'};
        byte[] byteOrderMark = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

        // when / then: no exception, although docs/row-event.md §1.1 (UTF-8 JSON) refuses all three
        readAll(factory, overlong);
        readAll(factory, aboveMaxCodePoint);
        readAll(factory, byteOrderMark);
    }

    @Test
    void parser_rejectsSomeInvalidUtf8_butNotAll() {
        // given
        JsonFactory factory = new JsonFactory();
        byte[] invalidStart = {'"', (byte) 0xFF, '"'};
        byte[] encodedSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};

        // when / then
        assertThatThrownBy(() -> readAll(factory, invalidStart)).hasMessageContaining("Invalid UTF-8");
        assertThatThrownBy(() -> readAll(factory, encodedSurrogate)).hasMessageContaining("Invalid UTF-8");
    }

    @Test
    void parser_returnsASecondRootValue_insteadOfFailing_soTheDecoderLooksForTrailingContent() throws IOException {
        // given
        JsonFactory factory = new JsonFactory();

        // when
        JsonToken second;
        try (JsonParser parser = factory.createParser("{} {}".getBytes(StandardCharsets.UTF_8))) {
            parser.nextToken();
            parser.nextToken();
            second = parser.nextToken();
        }

        // then
        assertThat(second).isEqualTo(JsonToken.START_OBJECT);
    }

    /** The raw text from the parser's token offset to the closing quote, after checking the quote before it. */
    private static String rawStringAtTokenOffset(JsonParser parser, byte[] json) throws IOException {
        int from = (int) ((ParserBase) parser).getTokenCharacterOffset();
        assertThat(json[from - 1]).as("the byte before the offset").isEqualTo((byte) '"');
        int end = from;
        while (json[end] != '"' || json[end - 1] == '\\') {
            end++;
        }
        parser.getText();
        assertThat(((ParserBase) parser).getTokenCharacterOffset()).as("the offset after decoding").isEqualTo(from);
        return new String(json, from, end - from, StandardCharsets.UTF_8);
    }

    @Test
    void tokenCharacterOffset_ofAStringValue_isItsFirstContentByte_onEveryPathJsonCursorTakes() throws IOException {
        // given
        byte[] json = "{\"key\":\"abc\",\"value\":[\"\u00e9t\u00e9\",\"\"],\"x\":{\"s\":\"q\\\"\"}}"
                .getBytes(StandardCharsets.UTF_8);

        try (JsonParser parser = new JsonFactory().createParser(json)) {
            parser.nextToken();
            // when / then: after a key matched on Jackson's fast name path
            assertThat(parser.nextFieldName(new SerializedString("key"))).isTrue();
            assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(rawStringAtTokenOffset(parser, json)).isEqualTo("abc");
            // in an array, after a key read on the usual path; multi-byte and empty strings
            assertThat(parser.nextFieldName()).isEqualTo("value");
            parser.nextToken();
            assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(rawStringAtTokenOffset(parser, json)).isEqualTo("\u00e9t\u00e9");
            assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(rawStringAtTokenOffset(parser, json)).isEmpty();
            parser.nextToken();
            // with an escape inside (JsonCursor then decodes instead of copying)
            assertThat(parser.nextFieldName()).isEqualTo("x");
            parser.nextToken();
            assertThat(parser.nextFieldName()).isEqualTo("s");
            assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            assertThat(rawStringAtTokenOffset(parser, json)).isEqualTo("q\\\"");
        }
    }
}
