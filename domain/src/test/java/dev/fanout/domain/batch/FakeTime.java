package dev.fanout.domain.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when something sleeps on it (or a sink takes time), and the sleeper that moves it. */
final class FakeTime implements InstantSource, Sleeper {

    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    FakeTime(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative sleep " + duration);
        }
        sleeps.add(duration);
        now = now.plus(duration);
    }

    void pass(Duration duration) {
        now = now.plus(duration);
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
