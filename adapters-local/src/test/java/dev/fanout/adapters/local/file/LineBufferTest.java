package dev.fanout.adapters.local.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineBufferTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1024, 70_000, 300_000})
    void append_keepsEveryByteInOrder_acrossChunkBoundaries(int lineBytes) {
        // given
        LineBuffer buffer = new LineBuffer("f", new ChunkPool(64L << 20));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        SplittableRandom random = new SplittableRandom(lineBytes);

        // when
        for (int i = 0; i < 5; i++) {
            byte[] line = randomLine(random, lineBytes + i);
            buffer.append(line);
            expected.writeBytes(line);
            expected.write('\n');
        }

        // then
        assertThat(buffer.size()).isEqualTo(expected.size());
        assertThat(concatenate(buffer.contents())).isEqualTo(expected.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 1_500, 70_000})
    void appendAll_joinsAnotherBuffersLines_afterTheseAndBeforeLaterOnes_withoutLosingAByte(int lineBytes) {
        // given: a buffer with a partly full last chunk, and another filled elsewhere from an offset of an array
        ChunkPool pool = new ChunkPool(64L << 20);
        LineBuffer buffer = new LineBuffer("f", pool);
        LineBuffer later = new LineBuffer("f", pool);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        SplittableRandom random = new SplittableRandom(lineBytes);
        byte[] first = randomLine(random, lineBytes + 3);
        buffer.append(first);
        expected.writeBytes(first);
        expected.write('\n');
        for (int i = 0; i < 3; i++) {
            byte[] line = randomLine(random, lineBytes + 10 + i);
            later.append(line, 4, line.length - 4);
            expected.write(line, 4, line.length - 4);
            expected.write('\n');
        }
        byte[] last = randomLine(random, lineBytes + 1);

        // when
        buffer.appendAll(later);
        buffer.append(last);
        expected.writeBytes(last);
        expected.write('\n');

        // then
        assertThat(buffer.size()).isEqualTo(expected.size());
        assertThat(concatenate(buffer.contents())).isEqualTo(expected.toByteArray());
        assertThat(later.contents()).isEmpty();
    }

    @Test
    void appendAll_keepsEveryChunkButTheLastFull_andHandsTheOthersChunksBack() {
        // given: many small batches, as a replay with many partitions makes them
        ChunkPool pool = new ChunkPool(64L << 20);
        LineBuffer buffer = new LineBuffer("f", pool);
        SplittableRandom random = new SplittableRandom(3);

        // when
        for (int i = 0; i < 200; i++) {
            LineBuffer batch = new LineBuffer("f", pool);
            batch.append(randomLine(random, 300));
            buffer.appendAll(batch);
        }

        // then: the capacity held is one first chunk and the rest of the bytes rounded up to later chunks, and
        // the batches' chunks are idle again
        long later = (buffer.size() - ChunkPool.FIRST_BYTES + ChunkPool.LATER_BYTES - 1) / ChunkPool.LATER_BYTES;
        assertThat(buffer.capacity()).isEqualTo(ChunkPool.FIRST_BYTES + later * ChunkPool.LATER_BYTES);
        assertThat(pool.directBytesReserved()).isLessThan(ChunkPool.SLAB_BYTES + 1L);
        assertThat(pool.heapChunksHandedOut()).isZero();
    }

    @Test
    void contents_isReadOnly_andReadingItTwiceGivesTheSameBytes() {
        // given
        LineBuffer buffer = new LineBuffer("f", new ChunkPool(64L << 20));
        buffer.append(randomLine(new SplittableRandom(1), 5_000));

        // when
        byte[] first = concatenate(buffer.contents());
        byte[] second = concatenate(buffer.contents());

        // then
        assertThat(second).isEqualTo(first).hasSize(5_001);
        assertThat(buffer.contents()).allMatch(ByteBuffer::isReadOnly);
    }

    @Test
    void release_handsTheChunksBack_andTheNextBufferReusesThemEmpty() {
        // given
        ChunkPool pool = new ChunkPool(64L << 20);
        LineBuffer first = new LineBuffer("a", pool);
        first.append(randomLine(new SplittableRandom(2), 500));
        ByteBuffer firstChunk = first.contents().get(0);

        // when
        first.release();
        LineBuffer second = new LineBuffer("b", pool);
        second.append("x".getBytes(StandardCharsets.US_ASCII));

        // then: the reused chunk holds only the new line
        assertThat(concatenate(second.contents())).isEqualTo("x\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(second.size()).isEqualTo(2);
        assertThat(firstChunk.capacity()).isEqualTo(ChunkPool.FIRST_BYTES);
    }

    @Test
    void chunkPool_neverReservesMoreDirectMemoryThanItsCap_andServesTheRestFromTheHeap() {
        // given: a cap of one later chunk and one and a half first chunks
        ChunkPool pool = new ChunkPool(ChunkPool.LATER_BYTES + ChunkPool.FIRST_BYTES * 3L / 2);

        // when
        ByteBuffer later = pool.later();
        ByteBuffer first = pool.first();
        ByteBuffer overCap = pool.first();
        ByteBuffer laterOverCap = pool.later();
        pool.giveBack(List.of(first, overCap, later));
        ByteBuffer reusedFirst = pool.first();
        ByteBuffer reusedLater = pool.later();

        // then: each size is handed out exactly; past the cap, from the heap; an idle chunk serves its own size
        assertThat(later.isDirect()).isTrue();
        assertThat(later.capacity()).isEqualTo(ChunkPool.LATER_BYTES);
        assertThat(first.isDirect()).isTrue();
        assertThat(first.capacity()).isEqualTo(ChunkPool.FIRST_BYTES);
        assertThat(overCap.isDirect()).isFalse();
        assertThat(laterOverCap.isDirect()).isFalse();
        assertThat(pool.directBytesReserved()).isLessThanOrEqualTo(ChunkPool.LATER_BYTES + ChunkPool.FIRST_BYTES * 3L / 2);
        assertThat(pool.heapChunksHandedOut()).isEqualTo(2);
        assertThat(reusedFirst).isSameAs(first);
        assertThat(reusedLater).isSameAs(later);
        assertThat(pool.first().isDirect()).isFalse();
    }

    @Test
    void chunkPool_withNoCap_keepsEveryChunkOnTheHeap() {
        // given
        ChunkPool pool = new ChunkPool(0);

        // when
        ByteBuffer chunk = pool.later();

        // then
        assertThat(chunk.isDirect()).isFalse();
        assertThat(chunk.capacity()).isEqualTo(ChunkPool.LATER_BYTES);
        assertThat(pool.directBytesReserved()).isZero();
    }

    @Test
    void chunkPool_cutsChunksThatNeverOverlap_acrossSlabs() {
        // given: more chunks than one slab holds
        ChunkPool pool = new ChunkPool(64L << 20);
        List<ByteBuffer> chunks = new ArrayList<>();
        long total = 0;
        while (total < 2L * ChunkPool.SLAB_BYTES) {
            ByteBuffer chunk = chunks.size() % 3 == 0 ? pool.first() : pool.later();
            chunks.add(chunk);
            total += chunk.capacity();
        }

        // when: each chunk is filled with its own number
        for (int i = 0; i < chunks.size(); i++) {
            ByteBuffer chunk = chunks.get(i);
            while (chunk.hasRemaining()) {
                chunk.putInt(i);
            }
        }

        // then: every chunk still holds only its own number, so no two share memory
        for (int i = 0; i < chunks.size(); i++) {
            ByteBuffer chunk = chunks.get(i).flip();
            assertThat(chunk.isDirect()).isTrue();
            while (chunk.hasRemaining()) {
                assertThat(chunk.getInt()).as("chunk %d", i).isEqualTo(i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 6, 9})
    void deterministicGzip_ofChunkedLines_equalsOneDeflateOfTheWholeText_andUnzipsToIt(int level) throws IOException {
        // given: ~600 KB of repetitive rows, across many chunks
        LineBuffer buffer = new LineBuffer("f", new ChunkPool(64L << 20));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SplittableRandom random = new SplittableRandom(level);
        for (int i = 0; i < 500; i++) {
            byte[] row = ("{\"rowId\":\"" + random.nextLong() + "\",\"metric\":\"cpu\",\"value\":" + i
                    + ",\"attributes\":{\"host\":\"web-" + (i % 7) + "\"}}").repeat(1 + i % 20).getBytes(StandardCharsets.US_ASCII);
            buffer.append(row);
            text.writeBytes(row);
            text.write('\n');
        }

        // when
        byte[] gzip = new DeterministicGzip(level).gzip(buffer, GzipObjectWriter.jdkSha256());

        // then
        byte[] whole = text.toByteArray();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            assertThat(in.readAllBytes()).isEqualTo(whole);
        }
        assertThat(Arrays.copyOfRange(gzip, 10, gzip.length - 8)).isEqualTo(rawDeflate(whole, level));
    }

    private static byte[] rawDeflate(byte[] bytes, int level) {
        Deflater deflater = new Deflater(level, true);
        deflater.setInput(bytes);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] step = new byte[8192];
        while (!deflater.finished()) {
            out.write(step, 0, deflater.deflate(step));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] randomLine(SplittableRandom random, int bytes) {
        byte[] line = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            line[i] = (byte) ('a' + random.nextInt(26));
        }
        return line;
    }

    private static byte[] concatenate(List<ByteBuffer> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer chunk : chunks) {
            byte[] bytes = new byte[chunk.remaining()];
            chunk.duplicate().get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
