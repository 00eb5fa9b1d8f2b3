package dev.fanout.bootstrap.lambda;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import java.util.concurrent.ThreadFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * A CloudWatch registry that publishes when told ({@link #flush()}, at the end of each invocation) and never on a
 * schedule: its publishing thread would be frozen with the process between invocations, and could fire in the
 * middle of one. Micrometer keeps {@code publish()} protected (micrometer#5460), hence this subclass.
 */
final class InvocationMeterRegistry extends CloudWatchMeterRegistry {

    InvocationMeterRegistry(CloudWatchConfig config, Clock clock, CloudWatchAsyncClient client) {
        super(config, clock, client);
    }

    /** No background publishing (the constructor of the superclass calls this). */
    @Override
    public void start(ThreadFactory threadFactory) {
    }

    /** Publishes the current values now, on this thread, waiting up to the configured read timeout. */
    void flush() {
        publish();
    }
}
