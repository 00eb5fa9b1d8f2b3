package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.firehose.FirehoseRowSink;
import dev.fanout.domain.batch.RetryPolicy;
import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/** Rows to Firehose, for the handlers that write rows themselves (the Pipe target, the enrichment's overflow). */
@Module
final class FirehoseRowsModule {

    private FirehoseRowsModule() {
    }

    @Provides
    @Singleton
    static FirehoseClient firehose(LambdaConfig config, AwsClients.Settings aws, DeliveryMeter.SdkCalls calls) {
        AwsClients.Settings settings = config.endpoints().firehose().map(aws::withEndpoint).orElse(aws);
        return AwsClients.firehose(settings, List.of(calls.firehose()));
    }

    /** The Firehose client, made at init beside the priming ({@link Warmup}). */
    @Provides
    @IntoSet
    static Warmup.Step makeFirehoseClient(Provider<FirehoseClient> client) {
        return client::get;
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
