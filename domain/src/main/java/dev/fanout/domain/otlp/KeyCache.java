package dev.fanout.domain.otlp;

import dev.fanout.domain.json.JsonBuffer;
import java.util.Arrays;
import java.util.Set;

/**
 * Attribute keys seen before, found by their characters straight from the parser's buffer: the same few
 * dozen keys repeat in every point and every bundle (LMDP sends {@code wildValue}, {@code datapointid}, …
 * with each point), so each is turned into a String, its {@code "key":} JSON and its lookup flag once.
 * A small open-addressing table with no eviction; when full it is simply cleared.
 */
final class KeyCache {

    /** One cached key. */
    record Key(String text, byte[] json, boolean lookup) {
    }

    private static final int CAPACITY = 1024;
    private static final int MAX_KEY_CHARS = 64;

    private final Set<String> lookupKeys;
    private final Key[] table = new Key[CAPACITY];
    private final int[] hashes = new int[CAPACITY];
    private int size;

    KeyCache(Set<String> lookupKeys) {
        this.lookupKeys = Set.copyOf(lookupKeys);
    }

    Key get(char[] chars, int offset, int length) {
        if (length > MAX_KEY_CHARS) {
            return create(new String(chars, offset, length));
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        int mask = CAPACITY - 1;
        int slot = mix(hash) & mask;
        while (table[slot] != null) {
            if (hashes[slot] == hash && matches(table[slot].text(), chars, offset, length)) {
                return table[slot];
            }
            slot = (slot + 1) & mask;
        }
        Key key = create(new String(chars, offset, length));
        if (size >= CAPACITY / 2) {
            Arrays.fill(table, null);
            size = 0;
            slot = mix(hash) & mask;
        }
        table[slot] = key;
        hashes[slot] = hash;
        size++;
        return key;
    }

    Key get(String text) {
        return get(text.toCharArray(), 0, text.length());
    }

    private Key create(String text) {
        JsonBuffer out = new JsonBuffer(text.length() + 3);
        out.writeString(text);
        out.writeByte(':');
        return new Key(text, out.toByteArray(), lookupKeys.contains(text));
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static boolean matches(String text, char[] chars, int offset, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
