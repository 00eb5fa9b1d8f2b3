package dev.fanout.bootstrap.cli;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/** The object graph of one file-to-file {@code fanout replay} run, built from its options. */
@Singleton
@Component(modules = ReplayModule.class)
interface ReplayComponent {

    ReplayRun replayRun();

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder options(ReplayOptions options);

        @BindsInstance
        Builder target(FileTarget target);

        ReplayComponent build();
    }
}
