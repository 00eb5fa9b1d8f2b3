package dev.fanout.bootstrap.lambda;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/**
 * The object graph of the {@link FirehoseTransformHandler}, built once per execution environment from its
 * configuration.
 */
@Singleton
@Component(modules = {CoreModule.class, AwsModule.class, NoRowsModule.class})
interface FirehoseTransformComponent {

    FirehoseTransform transform();

    SnapStartHooks hooks();

    Priming priming();

    Warmup warmup();

    @Component.Factory
    interface Factory {
        FirehoseTransformComponent create(@BindsInstance LambdaConfig config);
    }
}
