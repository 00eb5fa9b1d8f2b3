package dev.fanout.bootstrap.cli;

import dagger.BindsInstance;
import dagger.Component;
import jakarta.inject.Singleton;

/** The object graph of one {@code fanout replay --firehose} run, built from its options. */
@Singleton
@Component(modules = FirehoseReplayModule.class)
interface FirehoseReplayComponent {

    FirehoseReplayRun replayRun();

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder options(ReplayOptions options);

        @BindsInstance
        Builder target(FirehoseOptions target);

        FirehoseReplayComponent build();
    }
}
