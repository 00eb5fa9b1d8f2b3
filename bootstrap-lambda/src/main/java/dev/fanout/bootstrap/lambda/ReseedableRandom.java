package dev.fanout.bootstrap.lambda;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The retry jitter's random source, seeded securely and seeded again after a SnapStart restore: every environment
 * restored from one snapshot would otherwise draw the same jitter, and throttled writers would retry in step.
 * Used by one invocation at a time (the runtime never runs two at once in one environment).
 */
final class ReseedableRandom implements RandomGenerator {

    private final LongSupplier seeds;
    private volatile SplittableRandom random;

    /** Seeded from {@link SecureRandom}. */
    ReseedableRandom() {
        this(() -> new SecureRandom().nextLong());
    }

    /** Seeded from {@code seeds}, now and at each {@link #reseed()}. */
    ReseedableRandom(LongSupplier seeds) {
        this.seeds = seeds;
        this.random = new SplittableRandom(seeds.getAsLong());
    }

    /** A new seed. */
    void reseed() {
        random = new SplittableRandom(seeds.getAsLong());
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }
}
