package dev.fanout.adapters.local.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
}
