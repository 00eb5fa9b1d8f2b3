package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.Provides;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import jakarta.inject.Singleton;
import java.util.Optional;

/** For the Firehose transformation, whose rows go back in its response: no row sink, no Firehose client. */
@Module
final class NoRowsModule {

    private NoRowsModule() {
    }

    @Provides
    @Singleton
    static DeliveryMeter deliveryMeter(RetryingDeadLetterSink deadLetters, DeliveryMeter.SdkCalls calls) {
        return new DeliveryMeter(Optional.empty(), deadLetters, calls);
    }

    /** Priming encodes rows as a transformation answers them. */
    @Provides
    static RowPacking packing() {
        return TransformResponse::okData;
    }
}
