package dev.fanout.bootstrap.lambda;

/**
 * Sends an invocation's metrics before it returns (the process is frozen between invocations, so nothing may be
 * left for later). Never throws: a metrics failure must not fail an invocation.
 */
interface MetricsPublisher {

    /** {@code FANOUT_METRICS=off}. */
    MetricsPublisher OFF = stats -> true;

    /** Publishes; false when the metrics could not be sent (the caller logs it). */
    boolean publish(InvocationStats stats);
}
