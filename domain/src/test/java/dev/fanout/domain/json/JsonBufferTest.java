package dev.fanout.domain.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBufferTest {

    private static String written(JsonBuffer buffer) {
        return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void writeString_escapesQuotesBackslashesAndControlCharacters_likePythonJsonDumps() {
        // given
        JsonBuffer buffer = new JsonBuffer(4);

        // when
        buffer.writeString("a\"b\\c\n\t\r\b\f\u0001\u001f\u007f");

        // then
        assertThat(written(buffer)).isEqualTo("\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f\u007f\"");
    }

    @Test
    void writeString_writesUtf8ForTwoThreeAndFourByteCharacters() {
        // given
        JsonBuffer buffer = new JsonBuffer(4);
        String text = "é☃\uD83D\uDE00";

        // when
        buffer.writeString(text);

        // then
        assertThat(buffer.toByteArray()).isEqualTo(("\"" + text + "\"").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writeString_escapesALoneSurrogate_becauseItHasNoUtf8Form() {
        // given
        JsonBuffer buffer = new JsonBuffer(4);

        // when
        buffer.writeString("x\uD800y\uDC00");

        // then
        assertThat(written(buffer)).isEqualTo("\"x\\ud800y\\udc00\"");
    }

    @Test
    void writeString_fromACharArraySlice_writesTheSameAsFromAString() {
        // given
        char[] chars = "--héllo \"w\"--".toCharArray();
        JsonBuffer fromChars = new JsonBuffer(4);
        JsonBuffer fromString = new JsonBuffer(4);

        // when
        fromChars.writeString(chars, 2, chars.length - 4);
        fromString.writeString("héllo \"w\"");

        // then
        assertThat(fromChars.toByteArray()).isEqualTo(fromString.toByteArray());
    }

    @Test
    void writeUnsignedLong_writesAllSixtyFourBits_whenTheValueIsAboveLongMax() {
        // given
        JsonBuffer buffer = new JsonBuffer(4);

        // when
        buffer.writeUnsignedLong(-1L);
        buffer.writeByte(',');
        buffer.writeUnsignedLong(Long.MIN_VALUE);
        buffer.writeByte(',');
        buffer.writeUnsignedLong(0);

        // then
        assertThat(written(buffer)).isEqualTo("18446744073709551615,9223372036854775808,0");
    }

    @Test
    void writeLong_writesNegativeNumbersAndTheExtremes() {
        // given
        JsonBuffer buffer = new JsonBuffer(4);

        // when
        buffer.writeLong(Long.MIN_VALUE);
        buffer.writeByte(',');
        buffer.writeLong(Long.MAX_VALUE);
        buffer.writeByte(',');
        buffer.writeLong(-7);
        buffer.writeByte(',');
        buffer.writeLong(1_000_000_000_000_000_000L);

        // then
        assertThat(written(buffer))
                .isEqualTo("-9223372036854775808,9223372036854775807,-7,1000000000000000000");
    }

    @Test
    void writeDouble_alwaysShowsAPointOrAnExponent_andWritesNonFiniteValuesAsStrings() {
        // given
        JsonBuffer buffer = new JsonBuffer(4);

        // when
        for (double d : new double[] {8, 1e-7, 1e16, -0.0, 0.1, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY}) {
            buffer.writeDouble(d);
            buffer.writeByte(' ');
        }

        // then
        assertThat(written(buffer)).isEqualTo("8.0 1.0E-7 1.0E16 -0.0 0.1 \"NaN\" \"Infinity\" \"-Infinity\" ");
    }

    @Test
    void writeHex32_writesEightLowercaseDigitsBigEndian() {
        // given
        JsonBuffer buffer = new JsonBuffer(4);

        // when
        buffer.writeHex32(0x00ab_cdef);
        buffer.writeHex32(-1);

        // then
        assertThat(written(buffer)).isEqualTo("00abcdefffffffff");
    }

    @Test
    void moveTailTo_movesTheBytesDownAndShrinks() {
        // given
        JsonBuffer buffer = new JsonBuffer(4);
        buffer.writeAscii("abcXYZ");

        // when
        buffer.moveTailTo(3, 1);

        // then
        assertThat(written(buffer)).isEqualTo("aXYZ");
    }
}
