package dev.fanout.bootstrap.lambda;

import java.util.ArrayList;
import java.util.List;

/** Keeps what each invocation published. */
final class RecordingMetrics implements MetricsPublisher {

    final List<InvocationStats> published = new ArrayList<>();

    @Override
    public boolean publish(InvocationStats stats) {
        published.add(stats);
        return true;
    }
}
