package dev.fanout.domain.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArraySkippingParserTest {

    private static final String JSON = "{\"p\":[{\"attributes\":[{\"key\":\"k\",\"value\":[1,{\"a\":\"]\"}]}],\"asInt\":\"7\"},"
            + "{\"attributes\":[],\"asInt\":8}],\"after\":true}";

    private static JsonParser parser(byte[] json) throws IOException {
        return new ArraySkippingParser.Factory(new JsonFactoryBuilder()).createParser(json);
    }

    /** Every token with its offset, reading the first "attributes" array normally or jumping past it. */
    private static List<String> tokens(byte[] json, boolean jump) throws IOException {
        List<String> seen = new ArrayList<>();
        try (JsonParser parser = parser(json)) {
            boolean jumped = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (jump && !jumped && token == JsonToken.START_ARRAY && "attributes".equals(parser.currentName())) {
                    int open = (int) ((ParserBase) parser).getTokenCharacterOffset() - 1;
                    int end = RepeatedLists.endOfList(json, open);
                    assertThat(((ArraySkippingParser) parser).jumpPastArray(open, end)).isTrue();
                    jumped = true;
                    // The START_ARRAY, then the END_ARRAY the jump landed on.
                    seen.add(token + " " + parser.currentName() + " @" + (open + 1));
                    token = parser.currentToken();
                }
                seen.add(token + " " + parser.currentName() + " @" + ((ParserBase) parser).getTokenCharacterOffset());
            }
        }
        return seen;
    }

    @Test
    void jumpPastArray_leavesTheParserWhereReadingTheArrayWouldHave() throws IOException {
        // given
        byte[] json = JSON.getBytes(StandardCharsets.UTF_8);
        List<String> read = tokens(json, false);

        // when
        List<String> jumped = tokens(json, true);

        // then: the same tokens, names and offsets, minus those inside the first attributes array
        int start = read.indexOf(read.stream().filter(t -> t.startsWith("START_ARRAY attributes")).findFirst()
                .orElseThrow());
        int end = read.indexOf(read.stream().skip(start).filter(t -> t.startsWith("END_ARRAY attributes"))
                .findFirst().orElseThrow());
        List<String> expected = new ArrayList<>(read.subList(0, start + 1));
        expected.addAll(read.subList(end, read.size()));
        assertThat(jumped).isEqualTo(expected);
    }

    @Test
    void jumpPastArray_keepsTheNesting_soAStrayCloseAfterwardsIsStillMalformed() throws IOException {
        // given: one ']' too many right after the array
        byte[] json = "{\"attributes\":[{\"key\":\"k\"}]]}".getBytes(StandardCharsets.UTF_8);

        try (JsonParser parser = parser(json)) {
            parser.nextToken();
            parser.nextFieldName();
            parser.nextToken();
            int open = (int) ((ParserBase) parser).getTokenCharacterOffset() - 1;
            assertThat(((ArraySkippingParser) parser).jumpPastArray(open, RepeatedLists.endOfList(json, open)))
                    .isTrue();

            // when / then
            assertThatThrownBy(parser::nextToken).isInstanceOf(JsonParseException.class)
                    .hasMessageContaining("Unexpected close marker ']'");
        }
    }

    @Test
    void jumpPastArray_refuses_whenTheParserIsNotAtThatArraysStart() throws IOException {
        // given
        byte[] json = "{\"a\":[1],\"b\":[2]}".getBytes(StandardCharsets.UTF_8);

        try (JsonParser parser = parser(json)) {
            parser.nextToken();
            ArraySkippingParser skipping = (ArraySkippingParser) parser;

            // when / then: on START_OBJECT; then on the first array but given the second's bytes
            assertThat(skipping.jumpPastArray(0, 1)).isFalse();
            parser.nextFieldName();
            parser.nextToken();
            int second = indexOf(json, "[2]");
            assertThat(skipping.jumpPastArray(second, second + 3)).isFalse();
            assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
        }
    }

    private static int indexOf(byte[] json, String part) {
        return new String(json, StandardCharsets.UTF_8).indexOf(part);
    }

    @Test
    void endOfList_followsStringsAndNesting_andGivesUpPastTheLimitOrTheEnd() {
        // given
        byte[] json = "x[{\"k\":\"]}\\\"[\"},[1,[2]]]tail".getBytes(StandardCharsets.UTF_8);
        byte[] open = "[[1]".getBytes(StandardCharsets.UTF_8);
        byte[] long_ = ("[\"" + "a".repeat(RepeatedLists.MAX_LIST_BYTES) + "\"]").getBytes(StandardCharsets.UTF_8);

        // when / then
        assertThat(RepeatedLists.endOfList(json, 1)).isEqualTo(json.length - "tail".length());
        assertThat(RepeatedLists.endOfList(open, 0)).isEqualTo(-1);
        assertThat(RepeatedLists.endOfList(long_, 0)).isEqualTo(-1);
    }
}
