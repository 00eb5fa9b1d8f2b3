package dev.fanout.bootstrap.lambda;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/** The object graph of the {@link PipeTargetHandler}, built once per execution environment from its configuration. */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, FirehoseClientModule.class, FirehoseRowsModule.class})
interface PipeTargetComponent {

    PipeTarget target();

    SnapStartHooks hooks();

    Priming priming();

    Warmup warmup();

    @Component.Factory
    interface Factory {
        PipeTargetComponent create(@BindsInstance LambdaConfig config);
    }
}
