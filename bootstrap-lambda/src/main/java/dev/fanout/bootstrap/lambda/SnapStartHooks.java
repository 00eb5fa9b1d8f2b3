package dev.fanout.bootstrap.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart's checkpoint and restore hooks (CRaC). Before the snapshot, the init's {@link Warmup} has run to its
 * end (the SDK clients made; the synthetic event read, fanned out, packed and sent through the in-memory
 * transport, {@link Priming}), so the first
 * invocation's classes are loaded and initialised in the snapshot instead of in the first invocation. After a
 * restore, the retry jitter gets a fresh secure seed: every environment restored from one snapshot would
 * otherwise draw the same waits. Nothing else must be dropped: init makes no connection (clients connect at the
 * first call; priming's clients are in memory and closed), holds no credentials (the provider reads them at each
 * call; priming's are fake) and no ids.
 */
@Singleton
final class SnapStartHooks implements Resource {

    private final Warmup warmup;
    private final Priming priming;
    private final ReseedableRandom jitter;

    @Inject
    SnapStartHooks(Warmup warmup, Priming priming, ReseedableRandom jitter) {
        this.warmup = warmup;
        this.priming = priming;
        this.jitter = jitter;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
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
