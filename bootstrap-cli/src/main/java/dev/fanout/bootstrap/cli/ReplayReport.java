package dev.fanout.bootstrap.cli;

import dev.fanout.ports.DamagedInput;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.in.RunSummary;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The outcome of a replay as a person reads it at the end of a run. */
record ReplayReport(RunSummary summary, Delivery delivery, Duration elapsed) {

    /**
     * 0 when every input was read to its end and every row and dead letter was written; dead letters themselves
     * are data, not failures. A damaged input gives 1 too, so that scripts notice, though everything readable
     * was replayed.
     */
    int exitCode() {
        return complete() && summary.damaged().isEmpty() ? 0 : OneLineErrors.EXIT_FAILED;
    }

    /** The one line for stderr when something stayed unwritten or unread (the summary has the details). */
    Optional<String> error() {
        if (complete()) {
            if (summary.damaged().isEmpty()) {
                return Optional.empty();
            }
            DamagedInput first = summary.damaged().getFirst();
            return Optional.of(oneLine(String.format(Locale.ROOT,
                    "%,d input(s) could not be read to their end, first %s: %s; everything read before was replayed",
                    summary.damaged().size(), first.path(), first.cause())));
        }
        String line = String.format(Locale.ROOT, "%,d rows and %,d dead letters could not be written %s%s",
                summary.unwrittenRows(), summary.unwrittenDeadLetters(), delivery.unwrittenDetail(),
                summary.stoppedEarly() ? "; the replay stopped there" : "");
        return Optional.of(oneLine(line));
    }

    /** Refusal reasons quote services, file names may hold anything; one line means one line. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    String render() {
        StringBuilder text = new StringBuilder();
        line(text, "bundles     %,d read, %,d dead", summary.bundles(), summary.deadBundles());
        line(text, "points      %,d = %,d rows + %,d rejected", summary.points(), summary.rows(),
                summary.rejectedPoints());
        reasons(text, "rejected   ", RejectionReason.Kind.POINT);
        reasons(text, "dead       ", RejectionReason.Kind.BUNDLE);
        for (SkippedInput skipped : summary.skipped()) {
            line(text, "skipped     %s (%s)", skipped.path(), skipped.why());
        }
        for (DamagedInput damaged : summary.damaged()) {
            String read = damaged.bytesTotal() >= 0
                    ? String.format(Locale.ROOT, "read %,d of %,d bytes", damaged.bytesRead(), damaged.bytesTotal())
                    : String.format(Locale.ROOT, "read %,d bytes", damaged.bytesRead());
            line(text, "DAMAGED     %s (%s; %s)", oneLine(damaged.path()), read, oneLine(damaged.cause()));
        }
        for (String line : delivery.lines()) {
            line(text, "%s", line);
        }
        if (!complete()) {
            line(text, "UNWRITTEN   %,d rows, %,d dead letters", summary.unwrittenRows(),
                    summary.unwrittenDeadLetters());
        }
        if (summary.stoppedEarly()) {
            line(text, "STOPPED     after the first batch that stayed unwritten; the rest of the input was not"
                    + " replayed (rerun it: row ids are stable, duplicates can be removed by rowId)");
        }
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        line(text, "speed       %s read in %.2f s, %s/s", HumanSizes.bytes(summary.bytesRead()), seconds,
                HumanSizes.bytes(summary.bytesRead() / seconds));
        return text.toString();
    }

    private boolean complete() {
        return summary.unwrittenRows() == 0 && summary.unwrittenDeadLetters() == 0;
    }

    private void reasons(StringBuilder text, String label, RejectionReason.Kind kind) {
        String counts = summary.rejectedByReason().entrySet().stream()
                .filter(e -> e.getKey().kind() == kind && e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey().code(), e.getValue()))
                .collect(Collectors.joining(", "));
        if (!counts.isEmpty()) {
            line(text, "%s %s", label, counts);
        }
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
