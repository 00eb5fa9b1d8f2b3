package dev.fanout.adapters.local.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), bufferBytes);

        // when
        List<String> lines = new ArrayList<>();
        for (byte[] line = splitter.nextLine(); line != null; line = splitter.nextLine()) {
            lines.add(splitter.lineNumber() + ":" + new String(line, StandardCharsets.US_ASCII));
        }

        // then
        assertThat(lines).containsExactly("2:abc", "4:  x  \r", "5:longer line than the buffer", "7:last");
        assertThat(splitter.nextLine()).isNull();
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
