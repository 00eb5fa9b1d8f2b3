package dev.fanout.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallingThreadTest {

    @Test
    void submit_runsTheTaskOnTheCallingThread_andReturnsADoneFuture() throws Exception {
        // given
        CallingThread executor = new CallingThread();

        // when
        Future<Thread> ranOn = executor.submit(Thread::currentThread);

        // then
        assertThat(ranOn.isDone()).isTrue();
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void submit_keepsTheTasksFailureInItsFuture() {
        // given
        CallingThread executor = new CallingThread();

        // when
        Future<Object> failed = executor.submit(() -> {
            throw new IllegalStateException("broken");
        });

        // then
        assertThat(failed.isDone()).isTrue();
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void execute_refusesTasks_onceShutDown() {
        // given
        CallingThread executor = new CallingThread();

        // when
        executor.shutdown();

        // then
        assertThat(executor.isShutdown()).isTrue();
        assertThat(executor.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }
}
