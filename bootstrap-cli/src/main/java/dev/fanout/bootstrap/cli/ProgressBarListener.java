package dev.fanout.bootstrap.cli;

import dev.fanout.ports.SourceProgress;
import dev.fanout.ports.in.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Draws input bytes read of the total on stderr; only built when a person is watching. */
final class ProgressBarListener implements ProgressListener, AutoCloseable {

    private static final long MEBIBYTE = 1L << 20;
    private final ProgressBar bar;

    ProgressBarListener(long totalBytes) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("replay")
                .setInitialMax(Math.max(totalBytes, 1))
                .setUnit(" MiB", MEBIBYTE)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200)
                .showSpeed()
                .build();
    }

    @Override
    public void progressed(SourceProgress progress) {
        bar.stepTo(progress.bytesRead());
    }

    @Override
    public void close() {
        bar.close();
    }
}
