package dev.fanout.bootstrap.cli;

import dev.fanout.ports.BundleSource;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.in.ProgressListener;
import dev.fanout.ports.in.ReplayBundles;
import dev.fanout.ports.in.RunSummary;

/** Runs a replay with a progress bar on stderr when a person is watching, silently otherwise. */
final class ProgressReplay {

    private ProgressReplay() {
    }

    static RunSummary run(ReplayBundles replay, BundleSource source, RowSink rows, DeadLetterSink deadLetters,
                          boolean showProgress) {
        if (!showProgress) {
            return replay.replay(source, rows, deadLetters, ProgressListener.NONE);
        }
        try (ProgressBarListener bar = new ProgressBarListener(source.progress().bytesTotal())) {
            return replay.replay(source, rows, deadLetters, bar);
        }
    }
}
