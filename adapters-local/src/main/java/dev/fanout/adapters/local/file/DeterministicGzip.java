package dev.fanout.adapters.local.file;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The JDK's zlib as a {@link GzipEngine}: one gzip member (RFC 1952) of the given bytes with a fixed header:
 * no name, mtime 0, OS "unknown". The output is a function of the bytes, the level and the JDK's zlib only,
 * so re-running a replay gives byte-identical objects.
 */
final class DeterministicGzip implements GzipEngine {

    private static final byte[] HEADER = {
        0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
    };
    private static final int TRAILER_BYTES = 8;

    private final int level;

    DeterministicGzip(int level) {
        this.level = level;
    }

    @Override
    public String description() {
        return "zlib level " + level;
    }

    /** Compresses the bytes of {@code lines}; how they are split into chunks does not change the output. */
    @Override
    public byte[] gzip(LineBuffer lines, MessageDigest content) {
        long total = lines.size();
        List<ByteBuffer> chunks = lines.contents();
        Deflater deflater = new Deflater(level, true);
        try {
            byte[] out = new byte[HEADER.length + (int) Math.max(64, total / 4) + TRAILER_BYTES];
            System.arraycopy(HEADER, 0, out, 0, HEADER.length);
            int size = HEADER.length;
            CRC32 crc = new CRC32();
            for (int i = 0; i < chunks.size(); i++) {
                ByteBuffer chunk = chunks.get(i);
                crc.update(chunk.duplicate());
                content.update(chunk.duplicate());
                deflater.setInput(chunk);
                boolean last = i == chunks.size() - 1;
                if (last) {
                    deflater.finish();
                }
                while (last ? !deflater.finished() : !deflater.needsInput()) {
                    if (out.length - size < TRAILER_BYTES + 1) {
                        out = Arrays.copyOf(out, out.length + Math.max(out.length / 2, 64));
                    }
                    size += deflater.deflate(out, size, out.length - size - TRAILER_BYTES);
                }
            }
            size = putIntLittleEndian(out, size, (int) crc.getValue());
            size = putIntLittleEndian(out, size, (int) total);
            return size == out.length ? out : Arrays.copyOf(out, size);
        } finally {
            deflater.end();
        }
    }

    private static int putIntLittleEndian(byte[] out, int at, int value) {
        out[at] = (byte) value;
        out[at + 1] = (byte) (value >>> 8);
        out[at + 2] = (byte) (value >>> 16);
        out[at + 3] = (byte) (value >>> 24);
        return at + 4;
    }
}
