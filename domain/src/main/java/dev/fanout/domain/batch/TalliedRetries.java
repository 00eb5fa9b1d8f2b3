package dev.fanout.domain.batch;

import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome;
import java.time.Instant;
import java.util.List;

/**
 * What the retrying sink decorators share, whatever they carry: each write goes through the policy's
 * {@link RetryingWriter}, its outcome is added to a running {@link WriteTally}, and an outage is rethrown
 * only after that, so the counts include the items written before it. Not thread safe; the decorators
 * serialise their calls.
 */
final class TalliedRetries<T> {

    private final RetryingWriter<T> writer;
    private WriteTally tally = WriteTally.NONE;

    TalliedRetries(BatchWriter<T> sink, RetryPolicy policy) {
        this.writer = policy.writerFor(sink);
    }

    /**
     * Writes the items with retries by {@code deadline}; the refusals are exactly the items left unwritten.
     *
     * @throws PortException the outage or misconfiguration that stopped the retries
     */
    WriteOutcome<T> write(List<T> items, Instant deadline) {
        RetryOutcome<T> outcome = writer.write(items, deadline);
        tally = tally.plus(outcome);
        if (outcome.failure().isPresent()) {
            throw outcome.failure().get();
        }
        return new WriteOutcome<>(outcome.written(), outcome.unwritten());
    }

    WriteTally tally() {
        return tally;
    }
}
