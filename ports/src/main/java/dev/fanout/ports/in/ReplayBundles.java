package dev.fanout.ports.in;

import dev.fanout.ports.BundleSource;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.RowSink;
import java.time.Instant;

/**
 * Use case: read every bundle of a source, fan each out, and write rows and dead letters to their sinks,
 * in source order whatever the parallelism, reporting progress as it goes.
 */
public interface ReplayBundles {

    RunSummary replay(BundleSource source, RowSink rows, DeadLetterSink deadLetters, ProgressListener progress);

    /**
     * Like {@link #replay}, for one bounded invocation: every write, rows and dead letters alike, must be done
     * by the one absolute {@code deadline} (a Lambda's remaining time less a safety margin), and
     * {@code bundles} hears what each bundle became.
     */
    RunSummary replayUntil(BundleSource source, RowSink rows, DeadLetterSink deadLetters, Instant deadline,
                           BundleListener bundles);
}
