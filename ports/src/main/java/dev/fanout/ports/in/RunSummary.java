package dev.fanout.ports.in;

import dev.fanout.ports.DamagedInput;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.SkippedInput;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of a whole run. {@code points == rows + rejectedPoints()} always holds (docs/row-event.md §2.3);
 * {@code unwrittenRows} and {@code unwrittenDeadLetters} count what a sink refused for good.
 * {@code stoppedEarly} says the run stopped reading after a batch stayed unwritten: the counts then cover
 * the bundles up to and including that batch, and the rest of the input was not replayed. {@code damaged} lists
 * the inputs that could not be read to their end (what was read of them is counted).
 */
public record RunSummary(long bundles, long deadBundles, long points, long rows,
                         Map<RejectionReason, Long> rejectedByReason, long bytesRead,
                         long unwrittenRows, long unwrittenDeadLetters, List<SkippedInput> skipped,
                         boolean stoppedEarly, List<DamagedInput> damaged) {

    /** A summary of a run whose inputs were all read to their end. */
    public RunSummary(long bundles, long deadBundles, long points, long rows,
                      Map<RejectionReason, Long> rejectedByReason, long bytesRead,
                      long unwrittenRows, long unwrittenDeadLetters, List<SkippedInput> skipped,
                      boolean stoppedEarly) {
        this(bundles, deadBundles, points, rows, rejectedByReason, bytesRead, unwrittenRows, unwrittenDeadLetters,
                skipped, stoppedEarly, List.of());
    }

    public RunSummary {
        EnumMap<RejectionReason, Long> copy = new EnumMap<>(RejectionReason.class);
        copy.putAll(rejectedByReason);
        rejectedByReason = Map.copyOf(copy);
        skipped = List.copyOf(skipped);
        damaged = List.copyOf(damaged);
        if (points != rows + sumOf(copy, RejectionReason.Kind.POINT)) {
            throw new IllegalArgumentException("points " + points + " != rows " + rows + " + rejected points");
        }
        if (deadBundles != sumOf(copy, RejectionReason.Kind.BUNDLE)) {
            throw new IllegalArgumentException("dead bundles do not match their reasons");
        }
    }

    public long rejectedPoints() {
        return sumOf(rejectedByReason, RejectionReason.Kind.POINT);
    }

    private static long sumOf(Map<RejectionReason, Long> counts, RejectionReason.Kind kind) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().kind() == kind)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
