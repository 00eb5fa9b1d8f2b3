package dev.fanout.adapters.local.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Provenance;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineSplitterTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64})
    void nextLine_splitsLikePython_whateverTheBufferSize(int bufferBytes) throws IOException {
        // given
        String text = "\r\nabc\r\n\n  x  \r\r\nlonger line than the buffer\n\u000b\nlast";
        LineSplitter splitter = new LineSplitter(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), bufferBytes, 1 << 20);

        // when
        List<String> lines = new ArrayList<>();
        for (byte[] line = splitter.nextLine(); line != null; line = splitter.nextLine()) {
            lines.add(splitter.lineNumber() + ":" + new String(line, StandardCharsets.US_ASCII));
        }

        // then
        assertThat(lines).containsExactly("2:abc", "4:  x  \r", "5:longer line than the buffer", "7:last");
        assertThat(splitter.nextLine()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 64, 1 << 20})
    void nextLine_readsALineLongerThanTheLimitToItsEnd_countingAndHashingIt_andGoesOnAfterIt(int bufferBytes)
            throws Exception {
        // given: a limit of 10 bytes; lines of exactly 10 (with a \r), 50 with \r inside and before the newline,
        // and 30 with a \r at the end of the input
        String long50 = "x\r".repeat(24) + "xx";
        String long30 = "y".repeat(30);
        String text = "0123456789\r\n" + long50 + "\r\nok\n" + long30 + "\r";
        LineSplitter splitter = new LineSplitter(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), bufferBytes, 10);

        // when
        byte[] first = splitter.nextLine();
        byte[] second = splitter.nextLine();
        BundleEnvelope.TooLarge secondLine = splitter.tooLong().envelope(new Provenance.JsonLine("f", 2));
        byte[] third = splitter.nextLine();
        long thirdNumber = splitter.lineNumber();
        byte[] fourth = splitter.nextLine();
        BundleEnvelope.TooLarge fourthLine = splitter.tooLong().envelope(new Provenance.JsonLine("f", 4));

        // then
        assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        assertThat(second).isSameAs(LineSplitter.TOO_LONG);
        assertThat(secondLine.size()).isEqualTo(50);
        assertThat(secondLine.sha256Hex()).isEqualTo(sha256(long50));
        assertThat(secondLine.prefix().asUtf8()).isEqualTo(long50);
        assertThat(new String(third, StandardCharsets.US_ASCII)).isEqualTo("ok");
        assertThat(thirdNumber).isEqualTo(3);
        assertThat(fourth).isSameAs(LineSplitter.TOO_LONG);
        assertThat(fourthLine.size()).isEqualTo(30);
        assertThat(fourthLine.sha256Hex()).isEqualTo(sha256(long30));
        assertThat(splitter.lineNumber()).isEqualTo(4);
        assertThat(splitter.nextLine()).isNull();
    }

    @Test
    void nextLine_keepsOnlyTheFirstBytesOfALongLine_andHoldsNoMoreThanTheLimitInItsBuffer() throws Exception {
        // given: a 3 MB line under a 1 KiB limit
        String huge = "z".repeat(3_000_000);
        LineSplitter splitter = new LineSplitter(
                new ByteArrayInputStream((huge + "\nafter\n").getBytes(StandardCharsets.US_ASCII)), 1 << 20, 1024);

        // when
        byte[] line = splitter.nextLine();
        BundleEnvelope.TooLarge tooLarge = splitter.tooLong().envelope(new Provenance.JsonLine("f", 1));

        // then
        assertThat(line).isSameAs(LineSplitter.TOO_LONG);
        assertThat(tooLarge.size()).isEqualTo(3_000_000);
        assertThat(tooLarge.prefix().size()).isEqualTo(BundleEnvelope.TooLarge.KEPT_PREFIX_BYTES);
        assertThat(tooLarge.sha256Hex()).isEqualTo(sha256(huge));
        assertThat(new String(splitter.nextLine(), StandardCharsets.US_ASCII)).isEqualTo("after");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void indexOfNewline_findsTheFirstNewline_atEveryOffsetAndAlignment_amongLookalikeBytes() {
        // Bytes one bit away from '\n' (0x0A), and 0x8A, must not match; a later newline must not shadow an
        // earlier one inside the same eight-byte word.
        byte[] lookalikes = {0x0B, 0x08, 0x09, (byte) 0x8A, 0x1A, 0x0E, 0x02, 0x4A, (byte) 0xFF, 0x00};
        for (int size = 0; size <= 40; size++) {
            for (int from = 0; from <= size; from++) {
                for (int newline = -1; newline < size; newline++) {
                    byte[] bytes = new byte[size];
                    for (int i = 0; i < size; i++) {
                        bytes[i] = lookalikes[(i * 7 + size) % lookalikes.length];
                    }
                    if (newline >= 0) {
                        bytes[newline] = '\n';
                        if (newline + 3 < size) {
                            bytes[newline + 3] = '\n';
                        }
                    }
                    int expected = -1;
                    for (int i = size - 1; i >= from; i--) {
                        expected = bytes[i] == '\n' ? i : expected;
                    }

                    assertThat(LineSplitter.indexOfNewline(bytes, from, size))
                            .as("size %d, from %d, newline %d", size, from, newline).isEqualTo(expected);
                }
            }
        }
    }
}
