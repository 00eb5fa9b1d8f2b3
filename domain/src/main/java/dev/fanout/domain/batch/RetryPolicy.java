package dev.fanout.domain.batch;

import java.time.InstantSource;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How the retrying decorators resend: the waits between attempts, a cap on attempts per write, and the
 * clock, sleeper and jitter source they run on (injected, so tests run on a fake clock without waiting).
 * The random source is not safe for concurrent use: give each writing thread its own policy.
 *
 * @param backoff     exponential backoff with full jitter
 * @param maxAttempts attempts per write, at least 1
 * @param clock       the time each write's deadline is measured against
 * @param sleeper     how to wait between attempts
 * @param random      the jitter source; seed it for reproducible waits, from a secure seed in production
 */
public record RetryPolicy(Backoff backoff, int maxAttempts, InstantSource clock, Sleeper sleeper,
                          RandomGenerator random) {

    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(random, "random");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed, got " + maxAttempts);
        }
    }

    /**
     * Attempts bounded only by each write's deadline. Right for a backfill, where a person chose the time
     * budget and a throttled stream should be waited out rather than given up on after a fixed count.
     */
    public static RetryPolicy untilDeadline(Backoff backoff, InstantSource clock, Sleeper sleeper,
                                            RandomGenerator random) {
        return new RetryPolicy(backoff, Integer.MAX_VALUE, clock, sleeper, random);
    }

    /** The retry loop of this policy around one sink. */
    public <T> RetryingWriter<T> writerFor(BatchWriter<T> sink) {
        return new RetryingWriter<>(sink, backoff, maxAttempts, clock, sleeper, random);
    }
}
