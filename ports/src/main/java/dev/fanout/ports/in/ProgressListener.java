package dev.fanout.ports.in;

import dev.fanout.ports.SourceProgress;

/** Told after each batch of bundles has been written; a progress bar, or nothing. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void progressed(SourceProgress progress);
}
