package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.Provides;
import dev.fanout.adapters.aws.firehose.FirehoseRowSink;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Rows to Firehose, for the handlers that write rows themselves (the Pipe target, the enrichment's overflow), over
 * the client of {@link FirehoseClientModule} (apart, so that a benchmark can wire the same sinks over a client
 * that only counts).
 */
@Module
final class FirehoseRowsModule {

    private FirehoseRowsModule() {
    }

    /** Packed: up to 500 rows per record, newline-delimited, for a stream that de-aggregates (JSON sub-records). */
    @Provides
    @Singleton
    static FirehoseRowSink firehoseRowSink(LambdaConfig config, FirehoseClient client, InstantSource clock) {
        String stream = config.rowsStream().orElseThrow(() -> new ConfigException(LambdaConfig.ROWS_STREAM,
                "required: the name of the Firehose stream rows go to"));
        return new FirehoseRowSink(client, FirehoseRowSink.Settings.packed(stream), clock);
    }

    @Provides
    @Singleton
    static RetryingRowSink rowSink(FirehoseRowSink firehose, RetryPolicy policy) {
        return new RetryingRowSink(firehose, policy);
    }

    @Provides
    @Singleton
    static DeliveryMeter deliveryMeter(RetryingRowSink rows, RetryingDeadLetterSink deadLetters,
                                       DeliveryMeter.SdkCalls calls) {
        return new DeliveryMeter(Optional.of(rows), deadLetters, calls);
    }

    /**
     * Priming packs rows into Firehose records with a deadline already past: the packing runs, nothing is sent
     * (every call is refused as "not sent" before it is made).
     */
    @Provides
    static RowPacking packing(FirehoseRowSink firehose) {
        return rows -> firehose.write(rows, Instant.EPOCH);
    }
}
