package dev.fanout.bootstrap.lambda;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The init's work beyond checking the configuration, spread over the two cores Lambda's init has: the SDK clients
 * (and what wraps them, {@link Step}s that the modules contribute) made on a background thread, which then primes
 * the dead letters' and metrics' paths, while this thread primes the domain and the rows' path ({@link Priming}).
 * Init ends when both are done, so the first invocation finds its classes loaded and its clients made, and a
 * SnapStart snapshot holds it all. A client that cannot be made fails init, as it would made on this thread.
 */
@Singleton
final class Warmup {

    /** One piece of init that can run beside the rest, e.g. making an SDK client. */
    @FunctionalInterface
    interface Step {
        void run();
    }

    private final List<Step> steps;
    private final Priming priming;
    private boolean done;

    @Inject
    Warmup(Set<Step> steps, Priming priming) {
        this.steps = List.copyOf(steps);
        this.priming = Objects.requireNonNull(priming, "priming");
    }

    /** Does it all, once; returns when it is done. */
    synchronized void run() {
        if (done) {
            return;
        }
        CompletableFuture<Void> clients = new CompletableFuture<>();
        Thread background = new Thread(() -> {
            try {
                steps.forEach(Step::run);
                priming.primeDeadLettersAndMetrics();
                clients.complete(null);
            } catch (RuntimeException | Error e) {
                clients.completeExceptionally(e);
            }
        }, "fanout-init");
        background.setDaemon(true);
        background.start();
        priming.primeRows();
        try {
            clients.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
        done = true;
    }
}
