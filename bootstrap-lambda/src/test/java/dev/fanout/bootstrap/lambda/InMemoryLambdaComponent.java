package dev.fanout.bootstrap.lambda;

import dagger.BindsInstance;
import dagger.Component;
import dev.fanout.adapters.local.memory.InMemoryDeadLetterSink;
import dev.fanout.adapters.local.memory.InMemoryRowSink;
import jakarta.inject.Singleton;

/** The three handlers' logic wired as in Lambda (the same core module), with the in-memory adapters. */
@Singleton
@Component(modules = {CoreModule.class, InMemorySinksModule.class, WarmupModule.class})
interface InMemoryLambdaComponent {

    PipeTarget target();

    PipeEnrichment enrichment();

    FirehoseTransform transform();

    SnapStartHooks hooks();

    InMemoryRowSink rows();

    InMemoryDeadLetterSink deadLetters();

    RecordingMetrics metrics();

    @Component.Factory
    interface Factory {
        InMemoryLambdaComponent create(@BindsInstance LambdaConfig config);
    }

    static InMemoryLambdaComponent of(LambdaConfig config) {
        return DaggerInMemoryLambdaComponent.factory().create(config);
    }
}
