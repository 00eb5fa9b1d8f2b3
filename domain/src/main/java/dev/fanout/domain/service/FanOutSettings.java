package dev.fanout.domain.service;

import dev.fanout.domain.otlp.DecodeLimits;
import dev.fanout.domain.row.RowSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * How bundles fan out: the org id rule and profile of docs/row-event.md §5 and the limits of §1.6 and §2.2.
 *
 * @param orgId  a constant org id for every row; when empty, {@code orgKey} is looked up
 * @param orgKey the attribute key holding the org id (resource first, then point); when both are empty,
 *               rows get {@code _unknown}
 */
public record FanOutSettings(Optional<String> orgId, Optional<String> orgKey, Profile profile, Limits limits) {

    public FanOutSettings {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(orgKey, "orgKey");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
        if (orgId.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("the org id must not be empty");
        }
        if (orgKey.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException("the org key must not be empty");
        }
    }

    /** No org id or key (rows get {@code _unknown}), profile lmdp, default limits. */
    public static FanOutSettings defaults() {
        return new FanOutSettings(Optional.empty(), Optional.empty(), Profile.LMDP, Limits.defaults());
    }

    public FanOutSettings withOrgId(String id) {
        return new FanOutSettings(Optional.of(id), orgKey, profile, limits);
    }

    public FanOutSettings withOrgKey(String key) {
        return new FanOutSettings(orgId, Optional.of(key), profile, limits);
    }

    public FanOutSettings withProfile(Profile newProfile) {
        return new FanOutSettings(orgId, orgKey, newProfile, limits);
    }

    public FanOutSettings withLimits(Limits newLimits) {
        return new FanOutSettings(orgId, orgKey, profile, newLimits);
    }

    RowSettings rowSettings() {
        return new RowSettings(orgId, orgKey, profile.fields(), limits.maxRowBytes());
    }

    DecodeLimits decodeLimits() {
        return new DecodeLimits(limits.maxDepth(), limits.maxPoints(), limits.maxStringChars());
    }

    /**
     * The five limits, each positive: bundle bytes (8 MiB), nesting depth (64, the top-level value counting
     * 1), data points per bundle (200 000), string length in characters (1 Mi), encoded row bytes (1 000 KiB).
     */
    public record Limits(long maxBundleBytes, int maxDepth, int maxPoints, int maxStringChars, int maxRowBytes) {

        public static final long DEFAULT_MAX_BUNDLE_BYTES = 8L << 20;
        public static final int DEFAULT_MAX_ROW_BYTES = RowSettings.DEFAULT_MAX_ROW_BYTES;

        public Limits {
            requirePositive(maxBundleBytes, "maxBundleBytes");
            requirePositive(maxDepth, "maxDepth");
            requirePositive(maxPoints, "maxPoints");
            requirePositive(maxStringChars, "maxStringChars");
            requirePositive(maxRowBytes, "maxRowBytes");
        }

        public static Limits defaults() {
            return new Limits(DEFAULT_MAX_BUNDLE_BYTES, DecodeLimits.DEFAULT_MAX_DEPTH, DecodeLimits.DEFAULT_MAX_POINTS,
                    DecodeLimits.DEFAULT_MAX_STRING_CHARS, DEFAULT_MAX_ROW_BYTES);
        }

        private static void requirePositive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
        }
    }
}
