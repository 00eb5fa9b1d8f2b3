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
 *
 * <p>A device's next poll lists its points in the same order, so each slot also remembers which list came
 * after it: {@link #findAt} first compares the bytes at hand with that list, which spares finding the end of
 * the list, hashing it and looking it up (~80 % of what a match used to cost). The guess is only a guess;
 * equal bytes decide, as for a lookup.
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
    /** Per slot, the slot of the list found or kept right after it last time, or -1. */
    private final int[] successor = new int[SLOTS];
    /** The slot of the list found or kept last, or -1 when that list was not kept. */
    private int previous = -1;
    /** Where the list {@link #findAt} looked at ends, or -1 when it gave up before knowing. */
    private int end = -1;

    RepeatedLists() {
        Arrays.fill(successor, -1);
    }

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

    /**
     * What the list whose {@code [} is at {@code source[open]} rendered as when it was last kept, or null; then
     * {@link #end()} is where that list ends, or -1 when the end was not looked for (a list too long to keep).
     */
    RenderedAttributes findAt(byte[] source, int open) {
        int guess = previous < 0 ? -1 : successor[previous];
        if (guess >= 0 && startsWith(source, open, lists[guess])) {
            // The kept list is a whole array: a source holding its bytes at open holds that array there.
            end = open + lists[guess].length;
            previous = guess;
            return rendered[guess];
        }
        end = endOfList(source, open);
        return end < 0 ? forget() : find(source, open, end);
    }

    /** Where the list last given to {@link #findAt} ends (the offset after its {@code ]}), or -1 if not known. */
    int end() {
        return end;
    }

    /** What {@code source[from, to)} rendered as when it was last kept, or null. */
    RenderedAttributes find(byte[] source, int from, int to) {
        if (to - from > MAX_LIST_BYTES) {
            return forget();
        }
        int first = firstSlot(source, from, to);
        int slot = same(lists[first], source, from, to) ? first
                : same(lists[first + 1], source, from, to) ? first + 1 : -1;
        if (slot < 0) {
            return null;
        }
        follow(slot);
        return rendered[slot];
    }

    /**
     * Keeps what {@code source[from, to)} rendered as, replacing the older of its two slots. A list with a line
     * break is not kept: the parser jumps only over bytes that leave its line count as it is.
     */
    void keep(byte[] source, int from, int to, RenderedAttributes attributes) {
        if (to - from > MAX_LIST_BYTES) {
            forget();
            return;
        }
        for (int i = from; i < to; i++) {
            if (source[i] == '\n' || source[i] == '\r') {
                forget();
                return;
            }
        }
        int first = firstSlot(source, from, to);
        int pair = first >>> 1;
        int slot = replaceSecond[pair] ? first + 1 : first;
        replaceSecond[pair] = !replaceSecond[pair];
        lists[slot] = Arrays.copyOfRange(source, from, to);
        rendered[slot] = attributes;
        successor[slot] = -1;
        follow(slot);
    }

    /** Records that the list in {@code slot} came after the previous one. */
    private void follow(int slot) {
        if (previous >= 0) {
            successor[previous] = slot;
        }
        previous = slot;
    }

    /** The list at hand is not kept: the next one has no predecessor to guess from. */
    private RenderedAttributes forget() {
        previous = -1;
        return null;
    }

    private static boolean startsWith(byte[] source, int from, byte[] list) {
        return source.length - from >= list.length
                && Arrays.equals(list, 0, list.length, source, from, from + list.length);
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
