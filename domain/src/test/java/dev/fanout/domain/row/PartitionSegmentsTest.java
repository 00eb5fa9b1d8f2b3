package dev.fanout.domain.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionSegmentsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "acme, acme",
            "CpuUsage, CpuUsage",
            "system.cpu.time, system.cpu.time",
            "a_b-c.9, a_b-c.9",
            "., %2E",
            "'..', %2E%2E",
            "...,  ...",
            "Globex Corp, Globex%20Corp",
            "initech/eu, initech%2Feu",
            "'a.b c', a%2Eb%20c",
            "Ünïcødé-väl, %C3%9Cn%C3%AFc%C3%B8d%C3%A9-v%C3%A4l",
            "50%, 50%25",
            "a~b, a%7Eb"
    })
    void segment_keepsSafeValuesAndPercentEncodesTheRest(String value, String expected) {
        // given / when
        String segment = PartitionSegments.segment(value);

        // then
        assertThat(segment).isEqualTo(expected);
    }

    @Test
    void segment_keepsAHundredSafeCharacters_asTheyAre() {
        // given
        String value = "x".repeat(100);

        // when
        String segment = PartitionSegments.segment(value);

        // then
        assertThat(segment).isEqualTo(value);
    }

    @Test
    void segment_cutsTo80CharactersATildeAndTheHash_whenTheEncodingIsLongerThan100() throws Exception {
        // given
        String value = "x".repeat(140);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8))).substring(0, 16);

        // when
        String segment = PartitionSegments.segment(value);

        // then
        assertThat(segment).isEqualTo("x".repeat(80) + "~" + hash).hasSize(97);
    }

    @Test
    void segment_hashesTheRawValue_notItsEncoding_forLongUnicode() throws Exception {
        // given
        String value = "é".repeat(30);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8))).substring(0, 16);

        // when
        String segment = PartitionSegments.segment(value);

        // then
        assertThat(segment).isEqualTo("%C3%A9".repeat(13) + "%C" + "~" + hash);
    }
}
