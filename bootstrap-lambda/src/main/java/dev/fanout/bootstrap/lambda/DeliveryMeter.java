package dev.fanout.bootstrap.lambda;

import dev.fanout.domain.batch.RetryingDeadLetterSink;
import dev.fanout.domain.batch.RetryingRowSink;
import dev.fanout.domain.batch.WriteTally;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the running counts of the sinks (the retry decorators' tallies and the SDK clients' call counts) so that
 * an invocation can report its own share: the difference between a snapshot taken before and one after.
 */
final class DeliveryMeter {

    private final Optional<RetryingRowSink> rows;
    private final RetryingDeadLetterSink deadLetters;
    private final SdkCalls calls;

    /** The SDK clients' call counts, one per service; empty stats where no client is in use (tests, no rows). */
    record SdkCalls(SdkCallStats firehose, SdkCallStats s3) {
        SdkCalls {
            Objects.requireNonNull(firehose, "firehose");
            Objects.requireNonNull(s3, "s3");
        }
    }

    DeliveryMeter(Optional<RetryingRowSink> rows, RetryingDeadLetterSink deadLetters, SdkCalls calls) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    DeliveryCounts snapshot() {
        WriteTally rowTally = rows.map(RetryingRowSink::tally).orElse(WriteTally.NONE);
        long rowWrites = rows.map(RetryingRowSink::writes).orElse(0L);
        return new DeliveryCounts(deadLetters.tally().written(), rowTally.possibleDuplicates(),
                calls.firehose().records(), calls.firehose().calls(), calls.firehose().refusedRecords(),
                Math.max(0, rowTally.attempts() - rowWrites), calls.firehose().time(), calls.s3().time());
    }
}
