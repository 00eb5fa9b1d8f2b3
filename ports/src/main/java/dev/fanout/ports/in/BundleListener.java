package dev.fanout.ports.in;

/**
 * Told what each bundle became, in source order, once its rows and dead letters were handed to their sinks:
 * the Lambda logs and counts per Kafka record through it.
 */
@FunctionalInterface
public interface BundleListener {

    BundleListener NONE = report -> { };

    void bundleDone(BundleReport report);
}
