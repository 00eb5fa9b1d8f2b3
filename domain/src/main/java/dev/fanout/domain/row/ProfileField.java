package dev.fanout.domain.row;

import java.util.List;
import java.util.Objects;

/**
 * Where one configured row field (docs/row-event.md §5) comes from: the first non-empty string value among {@code keys}
 * in the resource's or the point's attributes, or the scope's name.
 */
public record ProfileField(Origin origin, List<String> keys) {

    /** The attribute list (or scope name) a profile field is read from. */
    public enum Origin { RESOURCE, SCOPE_NAME, POINT }

    public ProfileField {
        Objects.requireNonNull(origin, "origin");
        keys = List.copyOf(keys);
        if (origin == Origin.SCOPE_NAME != keys.isEmpty()) {
            throw new IllegalArgumentException("the scope name takes no keys; attributes need at least one");
        }
    }

    public static ProfileField resource(String... keys) {
        return new ProfileField(Origin.RESOURCE, List.of(keys));
    }

    public static ProfileField point(String... keys) {
        return new ProfileField(Origin.POINT, List.of(keys));
    }

    public static ProfileField scopeName() {
        return new ProfileField(Origin.SCOPE_NAME, List.of());
    }
}
