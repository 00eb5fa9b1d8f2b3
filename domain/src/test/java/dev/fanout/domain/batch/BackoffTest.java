package dev.fanout.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void ceiling_doublesFromTheBase_untilTheCap() {
        // when
        List<Duration> ceilings = new ArrayList<>();
        for (int retry = 0; retry < 7; retry++) {
            ceilings.add(backoff.ceiling(retry));
        }

        // then
        assertThat(ceilings).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void ceiling_staysAtTheCap_forRetryNumbersThatWouldOverflow() {
        // when / then
        assertThat(backoff.ceiling(63)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new Backoff(Duration.ofDays(1), Duration.ofDays(100_000)).ceiling(40))
                .isEqualTo(Duration.ofDays(100_000));
    }

    @Test
    void delay_isFullJitter_uniformBetweenZeroAndTheCeiling() {
        // given
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

        // when
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            delays.add(backoff.delay(2, random));
        }

        // then: within [0, 400 ms], spread over the whole range (mean near 200 ms, both ends reached)
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofMillis(400)));
        double meanMillis = delays.stream().mapToLong(Duration::toNanos).average().orElseThrow() / 1e6;
        assertThat(meanMillis).isBetween(190.0, 210.0);
        assertThat(delays).anySatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(10)));
        assertThat(delays).anySatisfy(d -> assertThat(d).isGreaterThan(Duration.ofMillis(390)));
    }

    @Test
    void delay_isReproducible_withTheSameSeed() {
        // given
        List<Duration> a = new ArrayList<>();
        List<Duration> b = new ArrayList<>();

        // when
        SplittableRandom seededA = new SplittableRandom(42);
        SplittableRandom seededB = new SplittableRandom(42);
        for (int retry = 0; retry < 20; retry++) {
            a.add(backoff.delay(retry, seededA));
            b.add(backoff.delay(retry, seededB));
        }

        // then
        assertThat(a).isEqualTo(b);
    }

    @Test
    void constructor_rejectsANonPositiveBaseAndACapBelowTheBase() {
        // when / then
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap");
        assertThatThrownBy(() -> backoff.ceiling(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
