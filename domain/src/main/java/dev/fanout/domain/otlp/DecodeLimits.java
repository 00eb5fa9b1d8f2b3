package dev.fanout.domain.otlp;

/**
 * The docs/row-event.md §1.6 limits the decoder enforces while it parses (the bundle byte size is checked before).
 * {@code maxDepth} counts nested objects and arrays with the top-level value as 1; {@code maxStringChars}
 * counts Unicode code points of string values and keys.
 */
public record DecodeLimits(int maxDepth, int maxPoints, int maxStringChars) {

    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_POINTS = 200_000;
    public static final int DEFAULT_MAX_STRING_CHARS = 1 << 20;

    public DecodeLimits {
        if (maxDepth < 1 || maxPoints < 1 || maxStringChars < 1) {
            throw new IllegalArgumentException("decode limits must be positive: depth " + maxDepth + ", points "
                    + maxPoints + ", string " + maxStringChars);
        }
    }

    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_POINTS, DEFAULT_MAX_STRING_CHARS);
    }
}
