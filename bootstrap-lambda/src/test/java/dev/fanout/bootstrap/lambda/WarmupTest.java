package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WarmupTest {

    /** The Pipe target's priming, its clients pointed at an endpoint nobody listens on (it never calls one). */
    private static Priming priming() {
        return DaggerPipeTargetComponent.factory().create(TestLambda.config("AWS_ENDPOINT_URL", "http://127.0.0.1:9",
                "FANOUT_METRICS", "off")).priming();
    }

    @Test
    void run_makesTheClientsOnTheInitThread_primesOnThisOne_andReturnsWhenBothAreDone() {
        // given
        List<String> threads = new CopyOnWriteArrayList<>();
        Priming priming = priming();
        Warmup warmup = new Warmup(Set.of(() -> threads.add(Thread.currentThread().getName())), priming);

        // when
        warmup.run();

        // then
        assertThat(threads).containsExactly("fanout-init");
        assertThat(priming.await().rows()).isEqualTo(2);
    }

    @Test
    void run_doesItOnce() {
        // given
        List<String> runs = new CopyOnWriteArrayList<>();
        Warmup warmup = new Warmup(Set.of(() -> runs.add("client made")), priming());

        // when
        warmup.run();
        warmup.run();

        // then
        assertThat(runs).containsExactly("client made");
    }

    @Test
    void run_failsInit_whenAClientCannotBeMade() {
        // given
        Warmup warmup = new Warmup(Set.of(() -> {
            throw new IllegalStateException("no region");
        }), priming());

        // when / then
        assertThatThrownBy(warmup::run).isInstanceOf(IllegalStateException.class).hasMessage("no region");
    }
}
