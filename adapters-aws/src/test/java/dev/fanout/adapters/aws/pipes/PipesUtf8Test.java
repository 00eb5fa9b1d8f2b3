package dev.fanout.adapters.aws.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipesUtf8Test {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"80", "C0AF", "C3", "E0808F", "EDA080", "F4908080", "F8", "FF"})
    void firstInvalidByte_findsAnInvalidSequence_atEveryPositionInAndAcrossWords(String hex) {
        // given: ASCII with the invalid sequence at each of the first 24 positions (words of eight bytes)
        byte[] sequence = HexFormat.of().parseHex(hex);
        for (int at = 0; at < 24; at++) {
            byte[] bytes = new byte[40];
            Arrays.fill(bytes, (byte) 'a');
            System.arraycopy(sequence, 0, bytes, at, sequence.length);

            // when
            int invalid = PipesRecordReader.Utf8.firstInvalidByte(bytes);

            // then
            assertThat(invalid).as("at %d", at).isEqualTo(at);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"é", "€", "😀", "abcdefgé", "abcdefghé12345678"})
    void firstInvalidByte_acceptsValidMultiByteSequences_atEveryPosition(String text) {
        // given
        for (int at = 0; at < 17; at++) {
            byte[] bytes = ("x".repeat(at) + text + "y".repeat(9)).getBytes(StandardCharsets.UTF_8);

            // when
            int invalid = PipesRecordReader.Utf8.firstInvalidByte(bytes);

            // then
            assertThat(invalid).as("at %d", at).isEqualTo(-1);
        }
    }
}
