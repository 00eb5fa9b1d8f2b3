package dev.fanout.domain.verify;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link TreeVerifier} counted and found.
 *
 * @param rowsByPartition   valid rows per partition folder ({@code orgid=…/metric=…/dt=…/hour=…})
 * @param lettersByReason   valid dead letters per reason
 * @param rowObjects        objects under {@code rows/}
 * @param deadLetterObjects objects under {@code dead-letters/}
 * @param otherObjects      objects outside the layout's folders, not checked
 * @param problems          the first problems, in the order found
 * @param problemCount      all problems, listed or not
 */
public record VerifyReport(SortedMap<String, Long> rowsByPartition, SortedMap<String, Long> lettersByReason,
                           long rowObjects, long deadLetterObjects, long otherObjects, List<Problem> problems,
                           long problemCount) {

    public VerifyReport {
        rowsByPartition = Collections.unmodifiableSortedMap(new TreeMap<>(rowsByPartition));
        lettersByReason = Collections.unmodifiableSortedMap(new TreeMap<>(lettersByReason));
        problems = List.copyOf(problems);
    }

    public boolean consistent() {
        return problemCount == 0;
    }

    public long rows() {
        return rowsByPartition.values().stream().mapToLong(Long::longValue).sum();
    }

    public long deadLetters() {
        return lettersByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
