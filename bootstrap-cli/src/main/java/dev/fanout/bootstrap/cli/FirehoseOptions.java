package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.firehose.FirehoseRowSink;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a backfill through Firehose writes, validated: the record the Firehose replay component is built
 * from, next to {@link ReplayOptions}.
 *
 * @param stream       the delivery stream and how rows are packed into its records
 * @param aws          region, credentials, endpoint and timeouts of the SDK clients
 * @param deadLetters  where rejected bundles and points go
 * @param writeTimeout the deadline of one write of a batch of rows or dead letters, retries included
 */
record FirehoseOptions(FirehoseRowSink.Settings stream, AwsClients.Settings aws, DeadLetterPlace deadLetters,
                       Duration writeTimeout) {

    FirehoseOptions {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("--write-timeout must be positive, got " + writeTimeout);
        }
    }
}
