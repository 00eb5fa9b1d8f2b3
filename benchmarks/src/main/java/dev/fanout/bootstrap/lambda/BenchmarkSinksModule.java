package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.Provides;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.WriteOutcome;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** What {@link AwsModule} gives the Pipe target, without the network: dead letters counted, metrics off. */
@Module
final class BenchmarkSinksModule {

    private BenchmarkSinksModule() {
    }

    @Provides
    @Singleton
    static DeliveryMeter.SdkCalls sdkCalls() {
        return new DeliveryMeter.SdkCalls(new SdkCallStats(), new SdkCallStats());
    }

    /** Behind the same retry decorator as the S3 sink. */
    @Provides
    @Singleton
    static RetryingDeadLetterSink deadLetterSink(RetryPolicy policy) {
        return new RetryingDeadLetterSink(new DeadLetterSink() {
            @Override
            public WriteOutcome<DeadLetter> write(List<DeadLetter> letters, Instant deadline) {
                return WriteOutcome.allWritten(letters);
            }

            @Override
            public void close() {
                // nothing kept
            }
        }, policy);
    }

    @Provides
    static MetricsPublisher metrics() {
        return MetricsPublisher.OFF;
    }
}
