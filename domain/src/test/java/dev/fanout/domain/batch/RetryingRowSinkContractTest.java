package dev.fanout.domain.batch;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.contract.RowSinkContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** The decorator over a sink that throttles and refuses (never ambiguously) keeps the row sink contract. */
class RetryingRowSinkContractTest extends RowSinkContract {

    private final FakeTime time = new FakeTime(Instant.now());
    private final UnreliableSink<EncodedRow> unreliable = new UnreliableSink<>(new SplittableRandom(23), 0.3, 0, 0.2,
            time, Duration.ofMillis(5));

    @Override
    protected RowSink newSink() {
        return new RetryingRowSink(new UnreliableRowSink(unreliable),
                RetryPolicy.untilDeadline(Backoff.DEFAULT, time, time, new SplittableRandom(29)));
    }

    @Override
    protected List<StoredRow> readBack(RowSink sink) {
        return stored(unreliable.storedItems());
    }
}
