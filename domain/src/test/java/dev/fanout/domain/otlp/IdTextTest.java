package dev.fanout.domain.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdTextTest {

    @Test
    void toHex_lowercasesHexOfTheRightLength() {
        // given
        String[] error = new String[1];

        // when
        String hex = IdText.toHex("5B8EFFF798038103D269B633813FC60C", 16, error);

        // then
        assertThat(hex).isEqualTo("5b8efff798038103d269b633813fc60c");
    }

    @Test
    void toHex_decodesBase64OfTheRawBytes() {
        // given
        String[] error = new String[1];

        // when
        String trace = IdText.toHex("AAECAwQFBgcICQoLDA0ODw==", 16, error);
        String span = IdText.toHex("7uGbfsPBsXQ=", 8, error);

        // then
        assertThat(trace).isEqualTo("000102030405060708090a0b0c0d0e0f");
        assertThat(span).isEqualTo("eee19b7ec3c1b174");
    }

    @Test
    void toHex_refusesBase64WithoutItsPadding_unlikeJavasDecoder() {
        // given
        String[] error = new String[1];

        // when
        String hex = IdText.toHex("AAECAwQFBgcICQoLDA0ODw", 16, error);

        // then
        assertThat(hex).isNull();
        assertThat(error[0]).isEqualTo("not hex or base64");
    }

    @Test
    void toHex_reportsTheWrongLength_whenTheBase64DecodesToOtherThanTheIdSize() {
        // given
        String[] error = new String[1];

        // when
        String hex = IdText.toHex("AAECAwQFBgcICQoLDA0O", 16, error);

        // then
        assertThat(hex).isNull();
        assertThat(error[0]).isEqualTo("wrong id length");
    }

    /** The table Python 3.11's {@code base64.b64decode(s, validate=True)} gives (data characters, padding). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "AAAAAAAA, 6", "AAAAAAAA=, 6", "AAAAAAAA==, 6", "AAAAAAAA===, 6",
            "AAAAAAAAA, -1", "AAAAAAAAA=, -1",
            "AAAAAAAAAA, -1", "AAAAAAAAAA=, -1", "AAAAAAAAAA==, 7", "AAAAAAAAAA===, -1",
            "AAAAAAAAAAA, -1", "AAAAAAAAAAA=, 8", "AAAAAAAAAAA==, -1",
            "AAAA=A==, -1", "AA==AA==, -1", "AB==, 1", "'AAAA\n', -1", "AA-A, -1"
    })
    void decodeBase64_acceptsExactlyWhatPythonsValidatingDecoderAccepts(String text, int expectedLength) {
        // given / when
        byte[] decoded = IdText.decodeBase64(text);

        // then
        if (expectedLength < 0) {
            assertThat(decoded).isNull();
        } else {
            assertThat(decoded).hasSize(expectedLength);
        }
    }
}
