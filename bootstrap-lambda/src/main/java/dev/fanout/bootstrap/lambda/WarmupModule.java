package dev.fanout.bootstrap.lambda;

import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Set;

/** Declares the {@link Warmup.Step}s the other modules contribute (none where no module makes an SDK client). */
@Module
abstract class WarmupModule {

    private WarmupModule() {
    }

    @Multibinds
    abstract Set<Warmup.Step> steps();
}
