package dev.fanout.bootstrap.lambda;

import java.time.Duration;
import java.util.Objects;

/**
 * What the sinks did, counted over an interval (an invocation: the difference of two snapshots).
 *
 * @param deadLettersWritten     dead letters S3 stored
 * @param possiblyDuplicatedRows rows written after an ambiguous attempt that may have stored them already
 * @param firehoseRecords        Firehose records sent (packed rows), over all PutRecordBatch calls
 * @param firehoseCalls          PutRecordBatch calls
 * @param firehoseRefusals       records Firehose refused (in a partial failure, or all of a failed call)
 * @param firehoseRetries        resend rounds of the retry policy: row writes beyond each batch's first
 * @param firehoseWriteTime      time spent in PutRecordBatch calls
 * @param s3WriteTime            time spent in PutObject calls
 */
record DeliveryCounts(long deadLettersWritten, long possiblyDuplicatedRows, long firehoseRecords, long firehoseCalls,
                      long firehoseRefusals, long firehoseRetries, Duration firehoseWriteTime, Duration s3WriteTime) {

    static final DeliveryCounts NONE = new DeliveryCounts(0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO);

    DeliveryCounts {
        Objects.requireNonNull(firehoseWriteTime, "firehoseWriteTime");
        Objects.requireNonNull(s3WriteTime, "s3WriteTime");
    }

    /** The counts from {@code earlier} to this snapshot. */
    DeliveryCounts minus(DeliveryCounts earlier) {
        return new DeliveryCounts(deadLettersWritten - earlier.deadLettersWritten,
                possiblyDuplicatedRows - earlier.possiblyDuplicatedRows, firehoseRecords - earlier.firehoseRecords,
                firehoseCalls - earlier.firehoseCalls, firehoseRefusals - earlier.firehoseRefusals,
                firehoseRetries - earlier.firehoseRetries, firehoseWriteTime.minus(earlier.firehoseWriteTime),
                s3WriteTime.minus(earlier.s3WriteTime));
    }

    /** Time spent in sink calls. */
    Duration sinkTime() {
        return firehoseWriteTime.plus(s3WriteTime);
    }
}
