package dev.fanout.ports.in;

import dev.fanout.ports.BundleSource;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.RowSink;

/**
 * Use case: read every bundle of a source, fan each out, and write rows and dead letters to their sinks,
 * in source order whatever the parallelism, reporting progress as it goes.
 */
public interface ReplayBundles {

    RunSummary replay(BundleSource source, RowSink rows, DeadLetterSink deadLetters, ProgressListener progress);
}
