package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.domain.service.FanOutSettings;
import dev.fanout.domain.service.ReplaySettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file replay's wiring: how many chunks it keeps in flight for the workers it has. */
class ReplayModuleTest {

    @Test
    void aFileReplay_keepsAChunkInFlightForEveryWorker_andOneBeingRead() {
        // given
        ReplayOptions eightWorkers = new ReplayOptions(List.of(Path.of("bundles.jsonl")), FanOutSettings.defaults(),
                8, 1, 1 << 20, false, false);

        // when
        ReplaySettings settings = ReplayModule.settings(eightWorkers);

        // then
        assertThat(settings.chunksInFlight()).isEqualTo(9);
        assertThat(settings.chunkBundles()).isEqualTo(ReplaySettings.local().chunkBundles());
    }
}
