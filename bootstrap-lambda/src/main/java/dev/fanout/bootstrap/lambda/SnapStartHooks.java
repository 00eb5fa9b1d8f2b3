package dev.fanout.bootstrap.lambda;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart's checkpoint and restore hooks (CRaC). Before the snapshot, the init's {@link Warmup} has run to its
 * end (the SDK clients made; the synthetic event read, fanned out, packed and sent through the in-memory
 * transport, {@link Priming}), so the first invocation's classes are loaded and initialised in the snapshot
 * instead of in the first invocation; then the hot path runs for the JIT ({@link Priming#exercise}), so that the
 * snapshot holds compiled code too (C2's when the function runs it). After a
 * restore, the retry jitter gets a fresh secure seed: every environment restored from one snapshot would
 * otherwise draw the same waits. Nothing else must be dropped: init makes no connection (clients connect at the
 * first call; priming's clients are in memory and closed), holds no credentials (the provider reads them at each
 * call; priming's are fake) and no ids.
 */
@Singleton
final class SnapStartHooks implements Resource {

    /**
     * Rounds of the hot path on the synthetic event before the snapshot: past C1's and C2's thresholds for what
     * every batch runs. Measured (FirstBatchBenchmark, one core): the first 6 MB batch after priming takes 125 ms
     * instead of 323 with C1 only, 354 ms instead of 697 with C2.
     */
    static final int JIT_ROUNDS = 10_000;
    /** At most this long: the snapshot's init may take minutes, a publish should not. */
    static final Duration JIT_BUDGET = Duration.ofSeconds(10);

    private final Warmup warmup;
    private final Priming priming;
    private final ReseedableRandom jitter;
    private final InstantSource clock;

    @Inject
    SnapStartHooks(Warmup warmup, Priming priming, ReseedableRandom jitter, InstantSource clock) {
        this.warmup = warmup;
        this.priming = priming;
        this.jitter = jitter;
        this.clock = clock;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
        compileHotPath(priming, clock);
    }

    /** The hot path run {@link #JIT_ROUNDS} times for the JIT ({@link Priming#exercise}), within {@link #JIT_BUDGET}. */
    static void compileHotPath(Priming priming, InstantSource clock) {
        priming.exercise(JIT_ROUNDS, clock.instant().plus(JIT_BUDGET));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        jitter.reseed();
    }

    /** The init's warm-up, done at init (here if it was not: a component made without {@link LambdaInit}). */
    Priming.Outcome prime() {
        warmup.run();
        return priming.await();
    }
}
