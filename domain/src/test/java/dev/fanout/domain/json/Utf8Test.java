package dev.fanout.domain.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void firstInvalid_isMinusOne_forWellFormedTextOfEveryWidth() {
        // given
        byte[] text = "plain ascii, é, ☃, \uD83D\uDE00, \uFFFF, \uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8);

        // when
        int invalid = Utf8.firstInvalid(text, 0, text.length);

        // then
        assertThat(invalid).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "C0 80",        // overlong NUL
            "C1 BF",        // overlong
            "E0 80 80",     // overlong 3-byte
            "ED A0 80",     // encoded surrogate U+D800
            "F0 80 80 80",  // overlong 4-byte
            "F4 90 80 80",  // above U+10FFFF
            "F5 80 80 80",  // invalid lead byte
            "80",           // lone continuation
            "FF",
            "C3",           // truncated at the end
            "E2 98",        // truncated at the end
            "C3 28"         // bad continuation
    })
    void firstInvalid_findsTheIllFormedSequence_afterAnAsciiRun(String hex) {
        // given
        String[] parts = hex.split(" ");
        byte[] prefix = "0123456789abc".getBytes(StandardCharsets.US_ASCII);
        byte[] text = new byte[prefix.length + parts.length];
        System.arraycopy(prefix, 0, text, 0, prefix.length);
        for (int i = 0; i < parts.length; i++) {
            text[prefix.length + i] = (byte) Integer.parseInt(parts[i], 16);
        }

        // when
        int invalid = Utf8.firstInvalid(text, 0, text.length);

        // then
        assertThat(invalid).isEqualTo(prefix.length);
    }

    @Test
    void firstInvalid_checksOnlyTheGivenRange() {
        // given
        byte[] text = bytes('a', 0xFF, 'b', 'c');

        // when
        int outside = Utf8.firstInvalid(text, 2, 2);
        int inside = Utf8.firstInvalid(text, 0, 4);

        // then
        assertThat(outside).isEqualTo(-1);
        assertThat(inside).isEqualTo(1);
    }
}
