package dev.fanout.domain.batch;

import java.util.Objects;
import java.util.Optional;

/**
 * What a retrying sink achieved over all its writes so far: the counts a run summary shows.
 *
 * @param written            items a sink confirmed
 * @param unwritten          items handed back as refused: unwritten by their deadline, refused for good, or
 *                           stopped by an outage
 * @param possibleDuplicates written items that an earlier ambiguous attempt may also have stored, so a reader
 *                           may see them twice (rows carry their row id to deduplicate by)
 * @param possiblyWritten    unwritten items that an ambiguous attempt may nevertheless have stored
 * @param attempts           calls made to the wrapped sink
 * @param firstRefusal       why the first unwritten item was given up, if one was: usually the root cause
 */
public record WriteTally(long written, long unwritten, long possibleDuplicates, long possiblyWritten,
                         long attempts, Optional<String> firstRefusal) {

    /** Nothing written yet. */
    public static final WriteTally NONE = new WriteTally(0, 0, 0, 0, 0, Optional.empty());

    public WriteTally {
        Objects.requireNonNull(firstRefusal, "firstRefusal");
        if (written < 0 || unwritten < 0 || possibleDuplicates < 0 || possiblyWritten < 0 || attempts < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (firstRefusal.isPresent() != unwritten > 0) {
            throw new IllegalArgumentException("a refusal reason goes with unwritten items, and only with them");
        }
    }

    /** This tally with one more write's outcome added. */
    public WriteTally plus(RetryOutcome<?> outcome) {
        Optional<String> first = firstRefusal.isPresent() || outcome.unwritten().isEmpty()
                ? firstRefusal
                : Optional.of(outcome.unwritten().getFirst().reason());
        return new WriteTally(written + outcome.written().size(), unwritten + outcome.unwritten().size(),
                possibleDuplicates + outcome.possibleDuplicates().size(),
                possiblyWritten + outcome.possiblyWritten().size(), attempts + outcome.attempts(), first);
    }
}
