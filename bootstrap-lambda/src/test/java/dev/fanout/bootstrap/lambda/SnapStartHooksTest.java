package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnapStartHooksTest {

    @Test
    void beforeCheckpoint_runsThePriming_throughTheRealTargetWiring_withoutSending() {
        // given: the Pipe target's component against an endpoint nobody listens on, its priming never started
        PipeTargetComponent target = DaggerPipeTargetComponent.factory().create(TestLambda.config(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:9"));

        // when
        target.hooks().beforeCheckpoint(null);

        // then: the synthetic event's two rows, its dead letter and the metrics all went through the in-memory
        // transport (a call to port 9 would have failed)
        Priming.Outcome primed = target.hooks().prime();
        assertThat(primed.failure()).isEmpty();
        assertThat(primed.rows()).isEqualTo(2);
        assertThat(primed.deadLetters()).isEqualTo(1);
        assertThat(primed.metrics()).isTrue();
    }

    @Test
    void afterRestore_seedsTheRetryJitterAgain_soRestoredEnvironmentsDrawDifferentWaits() {
        // given: seeds 1, then 2
        AtomicLong seeds = new AtomicLong();
        ReseedableRandom jitter = new ReseedableRandom(seeds::incrementAndGet);
        PipeTargetComponent target = DaggerPipeTargetComponent.factory().create(TestLambda.config());
        SnapStartHooks hooks = new SnapStartHooks(target.warmup(), target.priming(), jitter, InstantSource.system());
        long beforeRestore = jitter.nextLong();

        // when
        hooks.afterRestore(null);

        // then
        assertThat(beforeRestore).isEqualTo(new SplittableRandom(1).nextLong());
        assertThat(jitter.nextLong()).isEqualTo(new SplittableRandom(2).nextLong());
    }
}
