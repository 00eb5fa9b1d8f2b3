package dev.fanout.domain.row;

import java.util.HashMap;
import java.util.Map;

/**
 * A per-thread memo of values computed from strings a bundle repeats (org ids, partition keys, profile
 * values). It forgets everything once it holds {@code limit} entries: a hostile input with endless distinct
 * values then costs recomputation, never unbounded memory. Not thread safe; one per flattener.
 */
final class BoundedCache<K, V> {

    private final int limit;
    private final Map<K, V> entries = new HashMap<>();

    BoundedCache(int limit) {
        this.limit = limit;
    }

    /** The value remembered for {@code key}, or null. */
    V get(K key) {
        return entries.get(key);
    }

    /** Remembers {@code value} for {@code key} and returns it. */
    V put(K key, V value) {
        if (entries.size() >= limit) {
            entries.clear();
        }
        entries.put(key, value);
        return value;
    }
}
