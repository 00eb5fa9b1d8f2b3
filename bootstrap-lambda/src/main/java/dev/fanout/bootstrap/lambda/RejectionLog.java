package dev.fanout.bootstrap.lambda;

import dev.fanout.ports.in.BundleListener;
import dev.fanout.ports.in.BundleReport;
import java.util.Objects;

/**
 * Logs every record that lost something: one line per dead bundle or bundle with rejected points, with its
 * provenance, bundle id, counts and reasons (never its data), so an operator can find the dead letters.
 */
final class RejectionLog implements BundleListener {

    private final JsonLog log;

    RejectionLog(JsonLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void bundleDone(BundleReport report) {
        if (!report.hasRejections()) {
            return;
        }
        JsonLog.Line line = (report.error().isPresent() ? log.error("bundle_failed") : log.warn(
                report.dead() ? "bundle_rejected" : "points_rejected"))
                .source(report.source())
                .put("bundleId", report.bundleId().orElse(""))
                .put("points", report.points())
                .put("rows", report.rows())
                .reasons("rejected", report.rejected());
        report.error().ifPresent(error -> line.put("error", error));
        line.write();
    }
}
