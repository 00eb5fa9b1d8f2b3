package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.domain.service.CallingThread;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

class CoreModuleTest {

    @Test
    void workers_fanOutOnTheInvocationsThread_oneChunkAtATime_whenTheFunctionHasOneCore() {
        // when
        ExecutorService workers = CoreModule.workersFor(1);

        // then
        assertThat(workers).isInstanceOf(CallingThread.class);
        assertThat(CoreModule.replaySettings(workers).chunksInFlight()).isEqualTo(1);
    }

    @Test
    void workers_areOneThreadPerCore_withChunksInFlightForThem_whenTheFunctionHasMoreCores() {
        // when
        ExecutorService workers = CoreModule.workersFor(2);

        // then
        try {
            assertThat(workers).isInstanceOfSatisfying(ThreadPoolExecutor.class,
                    pool -> assertThat(pool.getMaximumPoolSize()).isEqualTo(2));
            assertThat(CoreModule.replaySettings(workers).chunksInFlight()).isEqualTo(4);
        } finally {
            workers.shutdownNow();
        }
    }
}
