package dev.fanout.bootstrap.cli;

import dev.fanout.ports.BundleSource;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.in.ReplayBundles;
import dev.fanout.ports.in.RunSummary;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.function.BiFunction;

/**
 * The steps every replay takes, wherever its rows go: open the input files, then the sinks, replay, and
 * close the sinks only when the replay completed, so that a failed run commits nothing more. The caller
 * says how the closed sinks describe their delivery, and releases what it owns (clients, workers).
 */
final class ReplayFromFiles {

    private final ReplayOptions options;
    private final ReplayBundles replay;
    private final Provider<BundleSource> source;

    @Inject
    ReplayFromFiles(ReplayOptions options, ReplayBundles replay, Provider<BundleSource> source) {
        this.options = options;
        this.replay = replay;
        this.source = source;
    }

    /**
     * @param rowSink        opened after the source
     * @param deadLetterSink opened after the source
     * @param delivery       what reached the sinks, asked once both are closed
     */
    <R extends RowSink, D extends DeadLetterSink> ReplayReport into(Provider<R> rowSink, Provider<D> deadLetterSink,
                                                                   BiFunction<R, D, Delivery> delivery) {
        long started = System.nanoTime();
        // The source first: a missing input must fail before any sink touches the output directory or AWS.
        try (BundleSource bundles = source.get()) {
            R rows = rowSink.get();
            D deadLetters = deadLetterSink.get();
            RunSummary summary = ProgressReplay.run(replay, bundles, rows, deadLetters, options.showProgress());
            if (options.showProgress()) {
                // The bar ends when the input is read; the buffered objects still take a moment to write.
                System.err.println("replay: input read, writing the last objects…");
            }
            rows.close();
            deadLetters.close();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new ReplayReport(summary, delivery.apply(rows, deadLetters), elapsed);
        }
    }
}
