package dev.fanout.adapters.local.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipEngineTest {

    /** Where Debian, Ubuntu, Fedora and Alpine put libdeflate; the machines this runs on have it there. */
    private static final List<Path> LIBDEFLATE_PLACES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/libdeflate.so.0"), Path.of("/usr/lib/aarch64-linux-gnu/libdeflate.so.0"),
            Path.of("/usr/lib64/libdeflate.so.0"), Path.of("/usr/lib/libdeflate.so.0"));

    @Test
    void of_takesLibdeflate_whereJava22AndTheLibraryAreThere_andZlibWhenAskedNotTo() {
        // when
        GzipEngine preferred = GzipEngine.of(new GzipSettings(2, true));
        GzipEngine zlib = GzipEngine.of(new GzipSettings(2, false));

        // then
        boolean available = Runtime.version().feature() >= 22 && LIBDEFLATE_PLACES.stream().anyMatch(Files::exists);
        assertThat(preferred.description()).isEqualTo(available ? "libdeflate level 2" : "zlib level 2");
        assertThat(zlib.description()).isEqualTo("zlib level 2");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 6, 9})
    void everyEngine_writesGzipOfExactlyTheBufferedLines_andTheSameBytesEveryTime_andHashesTheLines(int level)
            throws IOException {
        // given: ~600 KB of rows, over many chunks of the pool
        byte[] text = rows(level);
        for (boolean libdeflate : new boolean[] {true, false}) {
            GzipEngine engine = GzipEngine.of(new GzipSettings(level, libdeflate));
            MessageDigest content = GzipObjectWriter.jdkSha256();

            // when
            byte[] first = engine.gzip(buffered(text), content);
            byte[] second = engine.gzip(buffered(text), GzipObjectWriter.jdkSha256());

            // then
            assertThat(content.digest()).as(engine.description()).isEqualTo(GzipObjectWriter.jdkSha256().digest(text));
            assertThat(gunzip(first)).as(engine.description()).isEqualTo(text);
            assertThat(second).as(engine.description()).isEqualTo(first);
            assertThat(first.length).as(engine.description()).isLessThan(text.length / 4);
        }
    }

    @Test
    void everyEngine_gzipsAnEmptyBuffer_toAValidEmptyMember() throws IOException {
        for (boolean libdeflate : new boolean[] {true, false}) {
            GzipEngine engine = GzipEngine.of(new GzipSettings(2, libdeflate));
            assertThat(gunzip(engine.gzip(new LineBuffer("f", new ChunkPool(64L << 20)), GzipObjectWriter.jdkSha256()))).isEmpty();
        }
    }

    @Test
    void everyEngine_storesIncompressibleBytes_thatOutgrowTheUsualOutputGuess() throws IOException {
        // given: random letters, one ~300 KB "line": deflate cannot halve them
        byte[] line = new byte[300_000];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < line.length; i++) {
            line[i] = (byte) random.nextInt(256);
            if (line[i] == '\n') {
                line[i] = ' ';
            }
        }
        for (boolean libdeflate : new boolean[] {true, false}) {
            LineBuffer buffer = new LineBuffer("f", new ChunkPool(64L << 20));
            buffer.append(line);

            // when
            byte[] gzip = GzipEngine.of(new GzipSettings(9, libdeflate)).gzip(buffer, GzipObjectWriter.jdkSha256());

            // then
            byte[] expected = Arrays.copyOf(line, line.length + 1);
            expected[line.length] = '\n';
            assertThat(gunzip(gzip)).isEqualTo(expected);
        }
    }

    @Test
    void settings_refuseLevelsOutsideOneToNine() {
        assertThatThrownBy(() -> new GzipSettings(0, true)).hasMessage("gzip level must be 1 to 9, got 0");
        assertThatThrownBy(() -> new GzipSettings(10, false)).hasMessage("gzip level must be 1 to 9, got 10");
    }

    private static byte[] rows(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            text.writeBytes(("{\"rowId\":\"" + random.nextLong() + "\",\"metric\":\"cpu\",\"value\":" + i
                    + "}").repeat(1 + i % 20).getBytes(StandardCharsets.US_ASCII));
            text.write('\n');
        }
        return text.toByteArray();
    }

    /** {@code text} (newline-terminated lines) as a line buffer. */
    private static LineBuffer buffered(byte[] text) {
        LineBuffer buffer = new LineBuffer("f", new ChunkPool(64L << 20));
        int start = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                byte[] line = new byte[i - start];
                System.arraycopy(text, start, line, 0, line.length);
                buffer.append(line);
                start = i + 1;
            }
        }
        return buffer;
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
