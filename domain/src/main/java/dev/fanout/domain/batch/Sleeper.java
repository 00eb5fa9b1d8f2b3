package dev.fanout.domain.batch;

import java.time.Duration;

/** Waits between attempts; injected so tests advance a fake clock instead of waiting. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps with {@link Thread#sleep(Duration)}. */
    Sleeper THREAD = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
