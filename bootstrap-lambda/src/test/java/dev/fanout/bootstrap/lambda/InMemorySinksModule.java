package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.Provides;
import dev.fanout.adapters.local.memory.InMemoryDeadLetterSink;
import dev.fanout.adapters.local.memory.InMemoryRowSink;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The handlers' sinks in memory, behind the same retry decorators as in Lambda; metrics recorded. */
@Module
final class InMemorySinksModule {

    private InMemorySinksModule() {
    }

    @Provides
    @Singleton
    static InMemoryRowSink memoryRows() {
        return new InMemoryRowSink();
    }

    @Provides
    @Singleton
    static InMemoryDeadLetterSink memoryDeadLetters() {
        return new InMemoryDeadLetterSink();
    }

    @Provides
    @Singleton
    static RetryingRowSink rowSink(InMemoryRowSink rows, RetryPolicy policy) {
        return new RetryingRowSink(rows, policy);
    }

    @Provides
    @Singleton
    static RetryingDeadLetterSink deadLetterSink(InMemoryDeadLetterSink letters, RetryPolicy policy) {
        return new RetryingDeadLetterSink(letters, policy);
    }

    @Provides
    @Singleton
    static RecordingMetrics recordingMetrics() {
        return new RecordingMetrics();
    }

    @Provides
    static MetricsPublisher metrics(RecordingMetrics metrics) {
        return metrics;
    }

    @Provides
    @Singleton
    static DeliveryMeter deliveryMeter(RetryingRowSink rows, RetryingDeadLetterSink deadLetters) {
        return new DeliveryMeter(Optional.of(rows), deadLetters,
                new DeliveryMeter.SdkCalls(new SdkCallStats(), new SdkCallStats()));
    }

    @Provides
    static RowPacking packing() {
        return TransformResponse::okData;
    }
}
