package dev.fanout.bootstrap.cli;

import dev.fanout.domain.batch.WriteTally;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Where a replay's output went, as the summary tells it. */
sealed interface Delivery {

    /** The summary lines about the destination. */
    List<String> lines();

    /** What to add to the one-line error when something stayed unwritten: where, and the first reason. */
    String unwrittenDetail();

    /** Rows and dead letters as local objects under {@code out}. */
    record ToFiles(Path out, long objects, long bytes) implements Delivery {

        public ToFiles {
            Objects.requireNonNull(out, "out");
        }

        @Override
        public List<String> lines() {
            return List.of(String.format(Locale.ROOT, "written     %,d objects, %s, under %s", objects,
                    HumanSizes.bytes(bytes), out));
        }

        @Override
        public String unwrittenDetail() {
            return "under " + out;
        }
    }

    /**
     * Rows through a Firehose stream, dead letters to {@code deadLetterPlace}.
     *
     * @param rows        what the retrying row sink achieved
     * @param deadLetters what the retrying dead-letter sink achieved, when they went to S3
     */
    record ToFirehose(String stream, String region, WriteTally rows, String deadLetterPlace,
                      Optional<WriteTally> deadLetters) implements Delivery {

        public ToFirehose {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(deadLetterPlace, "deadLetterPlace");
            Objects.requireNonNull(deadLetters, "deadLetters");
        }

        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "firehose    %,d rows to stream '%s' in %s, %,d attempts (resends"
                    + " included)", rows.written(), stream, region, rows.attempts()));
            String why = rows.possibleDuplicates() == 0 ? ""
                    : " (resent after a call timed out or broke; deduplicate by rowId)";
            String possibly = rows.possiblyWritten() == 0 ? ""
                    : String.format(Locale.ROOT, "; %,d unwritten rows may have been stored", rows.possiblyWritten());
            lines.add(String.format(Locale.ROOT, "duplicates  %,d rows possibly stored twice%s%s",
                    rows.possibleDuplicates(), why, possibly));
            lines.add("dead-letters under " + deadLetterPlace);
            return lines;
        }

        @Override
        public String unwrittenDetail() {
            Optional<String> first = rows.firstRefusal().or(() -> deadLetters.flatMap(WriteTally::firstRefusal));
            return "through Firehose stream '" + stream + "' in " + region
                    + first.map(reason -> "; first: " + reason).orElse("");
        }
    }
}
