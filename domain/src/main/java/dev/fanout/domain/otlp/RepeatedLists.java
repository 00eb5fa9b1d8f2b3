package dev.fanout.domain.otlp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Attribute lists rendered before, by their exact input bytes. A data point's attributes name its instance and
 * datapoint, and LMDP sends the same ones in every poll of a device: a replay of a few thousand bundles meets
 * ~2,000 distinct lists among ~120,000 points. Rendering depends only on the bytes (and the decoder's fixed
 * lookup keys), so a list seen before is not read again.
 *
 * <p>Two-way set-associative, a fixed number of slots, lists up to {@link #MAX_LIST_BYTES}: memory stays
 * bounded whatever the input, and a workload with more distinct lists only misses more. Not thread-safe: one
 * per decoder.
 */
final class RepeatedLists {

    /** Lists longer than this are rendered every time (and not kept). */
    static final int MAX_LIST_BYTES = 1024;
    private static final int SLOTS = 8192;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[][] lists = new byte[SLOTS][];
    private final RenderedAttributes[] rendered = new RenderedAttributes[SLOTS];
    /** Per pair of slots, which one to replace next. */
    private final boolean[] replaceSecond = new boolean[SLOTS / 2];

    /**
     * Where the array whose {@code [} is at {@code open} ends (the offset after its {@code ]}), following strings
     * and nesting only; -1 past {@link #MAX_LIST_BYTES} or the end of the source. Nothing is validated: the
     * bytes are then compared with a list read before, and JSON being self-delimiting, equal bytes are that list.
     */
    static int endOfList(byte[] source, int open) {
        int limit = (int) Math.min(source.length, (long) open + MAX_LIST_BYTES);
        int depth = 0;
        for (int i = open; i < limit; i++) {
            byte b = source[i];
            if (b == '"') {
                for (i++; i < limit && source[i] != '"'; i++) {
                    if (source[i] == '\\') {
                        i++;
                    }
                }
            } else if (b == '[' || b == '{') {
                depth++;
            } else if ((b == ']' || b == '}') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** What {@code source[from, to)} rendered as when it was last kept, or null. */
    RenderedAttributes find(byte[] source, int from, int to) {
        if (to - from > MAX_LIST_BYTES) {
            return null;
        }
        int first = firstSlot(source, from, to);
        if (same(lists[first], source, from, to)) {
            return rendered[first];
        }
        if (same(lists[first + 1], source, from, to)) {
            return rendered[first + 1];
        }
        return null;
    }

    /**
     * Keeps what {@code source[from, to)} rendered as, replacing the older of its two slots. A list with a line
     * break is not kept: the parser jumps only over bytes that leave its line count as it is.
     */
    void keep(byte[] source, int from, int to, RenderedAttributes attributes) {
        if (to - from > MAX_LIST_BYTES) {
            return;
        }
        for (int i = from; i < to; i++) {
            if (source[i] == '\n' || source[i] == '\r') {
                return;
            }
        }
        int first = firstSlot(source, from, to);
        int pair = first >>> 1;
        int slot = replaceSecond[pair] ? first + 1 : first;
        replaceSecond[pair] = !replaceSecond[pair];
        lists[slot] = Arrays.copyOfRange(source, from, to);
        rendered[slot] = attributes;
    }

    private static boolean same(byte[] list, byte[] source, int from, int to) {
        return list != null && list.length == to - from && Arrays.equals(list, 0, list.length, source, from, to);
    }

    /** The even slot of the pair for these bytes: a multiplicative hash, eight bytes a step. */
    private static int firstSlot(byte[] source, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(source, i)) * 0x9E37_79B9_7F4A_7C15L;
        }
        for (; i < to; i++) {
            h = (h ^ source[i]) * 0x9E37_79B9_7F4A_7C15L;
        }
        return (int) (h >>> (Long.SIZE - Integer.numberOfTrailingZeros(SLOTS))) & ~1;
    }
}
