package dev.fanout.adapters.aws.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainBase64Test {

    @Test
    void decode_givesTheJdkDecodersBytesAndTheValuesSpan_forEveryLengthAndPadding() {
        // given: random values of 0 to 40 bytes (0, 1 and 2 padding characters), each inside a JSON string
        Random random = new Random(11);
        for (int size = 0; size <= 40; size++) {
            byte[] value = new byte[size];
            random.nextBytes(value);
            String base64 = Base64.getEncoder().encodeToString(value);
            byte[] event = ("{\"value\":\"" + base64 + "\"}").getBytes(StandardCharsets.US_ASCII);

            // when
            PlainBase64.Decoded decoded = PlainBase64.decode(event, 9, Long.MAX_VALUE);

            // then
            assertThat(decoded).as("%d bytes", size).isNotNull();
            assertThat(decoded.bytes()).isEqualTo(value);
            assertThat(decoded.start()).isEqualTo(10);
            assertThat(decoded.end()).isEqualTo(10 + base64.length());
            assertThat(new String(decoded.undecoded(event), StandardCharsets.US_ASCII)).isEqualTo(base64);
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "eyJ\\u0039",   // an escape (the slow path reads it, as JSON means it)
            "Pz8\\/",       // an escaped slash
            "eyJ",          // length not a multiple of 4
            "eyJ9eQ",       // unpadded
            "ey J9",        // a space inside
            "e-J9",         // the URL-safe alphabet
            "a===",         // three padding characters
            "ab=c",         // padding inside
            "====",
            "ZXk=ZXk=",     // two padded units
            "éyJ9",         // not ASCII
            "eyJ9"          // not closed: the event ends first
    })
    void decode_leavesTheValueToTheSlowPath_whenItIsNotPlainStrictBase64(String value) {
        // given
        String json = "{\"value\":\"" + value + (value.equals("eyJ9") ? "" : "\"}");
        byte[] event = json.getBytes(StandardCharsets.UTF_8);

        // when
        PlainBase64.Decoded decoded = PlainBase64.decode(event, 9, Long.MAX_VALUE);

        // then
        assertThat(decoded).isNull();
    }

    @Test
    void decode_stopsAtAnEscape_whereverItFallsInAWord() {
        // given: an escaped quote, then more base64 and the real closing quote, the escape at every offset
        for (int at = 0; at < 20; at++) {
            String value = "QUJD".repeat(5).substring(0, at) + "\\\"QUJD";
            byte[] event = ("\"" + value + "\"").getBytes(StandardCharsets.US_ASCII);

            // when
            PlainBase64.Decoded decoded = PlainBase64.decode(event, 0, Long.MAX_VALUE);

            // then
            assertThat(decoded).as("escape at %d", at).isNull();
        }
    }

    @Test
    void decode_leavesTheValueToTheSlowPath_whenItDecodesToMoreThanTheLimit() {
        // given: "eyJ9eQ==" decodes to 4 bytes
        byte[] event = "\"eyJ9eQ==\"".getBytes(StandardCharsets.US_ASCII);

        // when
        PlainBase64.Decoded overLimit = PlainBase64.decode(event, 0, 3);
        PlainBase64.Decoded atLimit = PlainBase64.decode(event, 0, 4);

        // then
        assertThat(overLimit).isNull();
        assertThat(atLimit).isNotNull();
        assertThat(new String(atLimit.bytes(), StandardCharsets.US_ASCII)).isEqualTo("{\"}y");
    }

    @Test
    void decode_leavesTheValueToTheSlowPath_whenTheIndexIsNoOpeningQuote() {
        // given
        byte[] event = "{\"value\":\"eyJ9\"}".getBytes(StandardCharsets.US_ASCII);

        // when / then
        assertThat(PlainBase64.decode(event, 8, Long.MAX_VALUE)).isNull();
        assertThat(PlainBase64.decode(event, -1, Long.MAX_VALUE)).isNull();
        assertThat(PlainBase64.decode(event, event.length, Long.MAX_VALUE)).isNull();
    }
}
