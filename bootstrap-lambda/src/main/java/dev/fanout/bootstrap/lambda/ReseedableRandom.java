package dev.fanout.bootstrap.lambda;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The retry jitter's random source, seeded securely and seeded again after a SnapStart restore: every environment
 * restored from one snapshot would otherwise draw the same jitter, and throttled writers would retry in step.
 * Used by one invocation at a time (the runtime never runs two at once in one environment).
 */
final class ReseedableRandom implements RandomGenerator {

    private volatile SplittableRandom random = fresh();

    /** A new secure seed. */
    void reseed() {
        random = fresh();
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }

    private static SplittableRandom fresh() {
        return new SplittableRandom(new SecureRandom().nextLong());
    }
}
