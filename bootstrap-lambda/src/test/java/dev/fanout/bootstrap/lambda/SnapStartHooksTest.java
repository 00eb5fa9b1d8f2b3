package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.domain.service.BundleFanOut;
import dev.fanout.ports.EncodedRow;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnapStartHooksTest {

    @Test
    void beforeCheckpoint_runsDecodeFlattenEncodeAndPack_onTheSyntheticBundle() {
        // given
        List<EncodedRow> packed = new ArrayList<>();
        SnapStartHooks hooks = new SnapStartHooks(new BundleFanOut(TestLambda.config().fanOut()), packed::addAll,
                new ReseedableRandom());

        // when
        hooks.beforeCheckpoint(null);

        // then: both synthetic points became rows and reached the packing
        assertThat(packed).hasSize(2);
        assertThat(packed.getFirst().json().asUtf8()).contains("\"metric\":\"priming\"");
    }

    @Test
    void afterRestore_seedsTheRetryJitterAgain_soRestoredEnvironmentsDrawDifferentWaits() {
        // given: seeds 1, then 2
        AtomicLong seeds = new AtomicLong();
        ReseedableRandom jitter = new ReseedableRandom(seeds::incrementAndGet);
        SnapStartHooks hooks = new SnapStartHooks(new BundleFanOut(TestLambda.config().fanOut()), rows -> { }, jitter);
        long beforeRestore = jitter.nextLong();

        // when
        hooks.afterRestore(null);

        // then
        assertThat(beforeRestore).isEqualTo(new SplittableRandom(1).nextLong());
        assertThat(jitter.nextLong()).isEqualTo(new SplittableRandom(2).nextLong());
    }

    @Test
    void priming_throughTheRealTargetWiring_packsWithoutSending() {
        // given: the Pipe target's component against an endpoint nobody listens on; a past deadline sends nothing
        PipeTargetComponent target = DaggerPipeTargetComponent.factory().create(TestLambda.config(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:9", "FANOUT_METRICS", "off"));

        // when
        int rows = target.hooks().prime();

        // then
        assertThat(rows).isEqualTo(2);
    }
}
