package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.fanout.adapters.aws.AwsClients;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.List;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/** The Firehose client of the handlers that write rows, made at init like every SDK client ({@link AwsModule}). */
@Module
final class FirehoseClientModule {

    private FirehoseClientModule() {
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
}
