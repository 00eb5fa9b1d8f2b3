package dev.fanout.domain.batch;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.contract.DeadLetterSinkContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** The decorator over a sink that throttles and refuses (never ambiguously) keeps the dead-letter sink contract. */
class RetryingDeadLetterSinkContractTest extends DeadLetterSinkContract {

    private final FakeTime time = new FakeTime(Instant.now());
    private final UnreliableSink<DeadLetter> unreliable = new UnreliableSink<>(new SplittableRandom(31), 0.3, 0, 0.2,
            time, Duration.ofMillis(5));

    @Override
    protected DeadLetterSink newSink() {
        return new RetryingDeadLetterSink(new UnreliableDeadLetterSink(unreliable),
                RetryPolicy.untilDeadline(Backoff.DEFAULT, time, time, new SplittableRandom(37)));
    }

    @Override
    protected List<StoredLetter> readBack(DeadLetterSink sink) {
        return stored(unreliable.storedItems());
    }
}
