package dev.fanout.ports.in;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one input record (one bundle) became, for those who log or count per record: where it came from, its
 * bundle id when a dead letter names it, and counts only, never payloads or attribute values.
 * {@code points == rows + rejected points} for a live bundle; a dead bundle has one bundle reason and no points.
 *
 * @param source   the bundle's provenance (Kafka topic, partition and offset, or a file line)
 * @param bundleId the bundle id of its dead letters, when it has any and they carry one
 * @param dead     whether the whole bundle was rejected
 * @param points   data points walked
 * @param rows     rows it became
 * @param rejected dead letters by reason (the bundle's own reason when dead)
 * @param error    for {@code bundle.internal_error}: the type of the unexpected error (no message: it could quote data)
 */
public record BundleReport(Provenance source, Optional<String> bundleId, boolean dead, long points, long rows,
                           Map<RejectionReason, Long> rejected, Optional<String> error) {

    public BundleReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(error, "error");
        EnumMap<RejectionReason, Long> copy = new EnumMap<>(RejectionReason.class);
        copy.putAll(rejected);
        rejected = Map.copyOf(copy);
        long rejectedPoints = copy.entrySet().stream().filter(e -> e.getKey().kind() == RejectionReason.Kind.POINT)
                .mapToLong(Map.Entry::getValue).sum();
        if (points != rows + rejectedPoints) {
            throw new IllegalArgumentException("points " + points + " != rows " + rows + " + rejected "
                    + rejectedPoints);
        }
        boolean oneBundleReason = copy.size() == 1
                && copy.keySet().iterator().next().kind() == RejectionReason.Kind.BUNDLE;
        if (dead && (rows != 0 || !oneBundleReason)) {
            throw new IllegalArgumentException("a dead bundle has one bundle reason and no rows");
        }
    }

    /** The report of {@code outcome}, a bundle from {@code source}; {@code error} as for the record's component. */
    public static BundleReport of(Provenance source, BundleOutcome outcome, Optional<String> error) {
        Map<RejectionReason, Long> byReason = new EnumMap<>(RejectionReason.class);
        Optional<String> bundleId = Optional.empty();
        for (DeadLetter letter : outcome.deadLetters()) {
            byReason.merge(letter.reason(), 1L, Long::sum);
            if (bundleId.isEmpty()) {
                bundleId = letter.bundleId();
            }
        }
        return new BundleReport(source, bundleId, outcome.bundleDead(), outcome.pointsWalked(), outcome.rowCount(),
                byReason, error);
    }

    /** Whether anything of this record was rejected (worth a log line). */
    public boolean hasRejections() {
        return !rejected.isEmpty();
    }
}
