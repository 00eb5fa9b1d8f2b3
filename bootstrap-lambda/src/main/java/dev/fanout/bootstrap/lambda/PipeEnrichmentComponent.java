package dev.fanout.bootstrap.lambda;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/**
 * The object graph of the {@link PipeEnrichmentHandler}, built once per execution environment from its
 * configuration.
 */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, FirehoseClientModule.class, FirehoseRowsModule.class})
interface PipeEnrichmentComponent {

    PipeEnrichment enrichment();

    SnapStartHooks hooks();

    Priming priming();

    Warmup warmup();

    @Component.Factory
    interface Factory {
        PipeEnrichmentComponent create(@BindsInstance LambdaConfig config);
    }
}
