package dev.fanout.domain.batch;

import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome.Refusal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RetryingWriter} achieved by its deadline. Every item handed to it is in exactly one of
 * {@code written} and {@code unwritten}; nothing is dropped silently.
 *
 * @param written            items a sink confirmed, in the order they were confirmed
 * @param unwritten          items never confirmed, each with its last refusal (why it stopped: not retryable,
 *                           deadline, attempts exhausted, outage)
 * @param possibleDuplicates written items that an earlier attempt may also have written (that attempt ended
 *                           ambiguously, e.g. timed out after the request was sent): a downstream reader may
 *                           see them twice and deduplicates by row id
 * @param possiblyWritten    unwritten items that an ambiguous attempt may nevertheless have written
 * @param attempts           calls made to the sink
 * @param ambiguousResends   items sent again after an ambiguous refusal (each one a possible duplicate)
 * @param failure            the outage or misconfiguration that stopped the retries, if one did
 */
public record RetryOutcome<T>(List<T> written, List<Refusal<T>> unwritten, List<T> possibleDuplicates,
                              List<T> possiblyWritten, int attempts, long ambiguousResends,
                              Optional<PortException> failure) {

    public RetryOutcome {
        written = List.copyOf(written);
        unwritten = List.copyOf(unwritten);
        possibleDuplicates = List.copyOf(possibleDuplicates);
        possiblyWritten = List.copyOf(possiblyWritten);
        Objects.requireNonNull(failure, "failure");
        if (attempts < 0 || ambiguousResends < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** Whether every item was written. */
    public boolean complete() {
        return unwritten.isEmpty();
    }
}
