package dev.fanout.domain.row;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the row mapping is configured with (docs/row-event.md §5 and the record limit of §2.2): a constant org id, or
 * the attribute key to find it under; the profile; the largest encoded row in bytes.
 */
public record RowSettings(Optional<String> orgId, Optional<String> orgKey, RowProfile profile, int maxRowBytes) {

    public static final int DEFAULT_MAX_ROW_BYTES = 1_024_000;

    public RowSettings {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(orgKey, "orgKey");
        Objects.requireNonNull(profile, "profile");
        if (orgId.filter(String::isEmpty).isPresent() || orgKey.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("an org id or org key, when given, must not be empty");
        }
        if (maxRowBytes < 1) {
            throw new IllegalArgumentException("maxRowBytes must be positive, got " + maxRowBytes);
        }
    }

    /** The attribute keys whose string values the decoder must keep for these settings. */
    public Set<String> lookupKeys() {
        Set<String> keys = new LinkedHashSet<>(profile.attributeKeys());
        orgKey.ifPresent(keys::add);
        return keys;
    }
}
