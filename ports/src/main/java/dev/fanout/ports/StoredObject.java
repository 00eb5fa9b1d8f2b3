package dev.fanout.ports;

import java.util.Objects;

/**
 * One object of a stored output tree: its key relative to the tree's root ({@code rows/orgid=…/…/x.jsonl.gz},
 * {@code /} separators) and its size in bytes.
 */
public record StoredObject(String key, long size) {

    public StoredObject {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.startsWith("/")) {
            throw new IllegalArgumentException("an object key is relative and not empty, got '" + key + "'");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
    }
}
