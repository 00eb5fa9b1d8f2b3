package dev.fanout.domain.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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

        // when / then: no exception, although Python's decoder and the spec refuse all three
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
}
