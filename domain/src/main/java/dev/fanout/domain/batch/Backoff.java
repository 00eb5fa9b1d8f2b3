package dev.fanout.domain.batch;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry {@code n} (0 for the first retry) wait a uniformly
 * random time in {@code [0, min(cap, base * 2^n)]}. Full jitter spreads the retries of many concurrent
 * writers (Lambda instances hitting one throttled Firehose stream) instead of synchronising them.
 */
public record Backoff(Duration base, Duration cap) {

    /** 50 ms doubling up to 5 s: a throttled stream recovers within its per-second quota window. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("the base delay must be positive, got " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("the cap " + cap + " must not be below the base " + base);
        }
    }

    /** The upper bound of the wait before retry {@code retry}: {@code min(cap, base * 2^retry)}. */
    public Duration ceiling(int retry) {
        if (retry < 0) {
            throw new IllegalArgumentException("retry numbers start at 0, got " + retry);
        }
        long baseNanos = base.toNanos();
        long capNanos = cap.toNanos();
        if (retry >= 62 || baseNanos > (capNanos >> retry)) {
            return cap;
        }
        return Duration.ofNanos(Math.min(capNanos, baseNanos << retry));
    }

    /** A full-jitter wait before retry {@code retry}, drawn from {@code random}. */
    public Duration delay(int retry, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        long ceilingNanos = ceiling(retry).toNanos();
        return Duration.ofNanos(ceilingNanos == Long.MAX_VALUE
                ? random.nextLong(0, Long.MAX_VALUE)
                : random.nextLong(0, ceilingNanos + 1));
    }
}
