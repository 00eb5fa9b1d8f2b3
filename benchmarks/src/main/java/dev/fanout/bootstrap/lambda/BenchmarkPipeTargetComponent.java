package dev.fanout.bootstrap.lambda;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * The Pipe target's graph as {@link PipeTargetComponent} wires it (the same {@link CoreModule} and
 * {@link FirehoseRowsModule}), over a Firehose client given by the benchmark and dead letters that are only
 * counted ({@link BenchmarkSinksModule}): everything but the network.
 */
@Singleton
@Component(modules = {CoreModule.class, FirehoseRowsModule.class, BenchmarkSinksModule.class})
interface BenchmarkPipeTargetComponent {

    PipeTarget target();

    Priming priming();

    @Component.Factory
    interface Factory {
        BenchmarkPipeTargetComponent create(@BindsInstance LambdaConfig config, @BindsInstance FirehoseClient firehose);
    }
}
