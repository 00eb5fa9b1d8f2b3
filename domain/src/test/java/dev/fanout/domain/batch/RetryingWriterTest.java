package dev.fanout.domain.batch;

import static dev.fanout.domain.batch.Rows.deadLetters;
import static dev.fanout.domain.batch.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryingWriterTest {

    private static final Instant START = Instant.parse("2025-11-21T03:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    private final FakeTime time = new FakeTime(START);

    @Test
    void write_writesEverythingInOneAttempt_whenTheSinkAcceptsAll() {
        // given
        UnreliableSink<EncodedRow> sink = UnreliableSink.reliable(time);
        RetryingWriter<EncodedRow> writer = writer(new UnreliableRowSink(sink)::write, 5);
        List<EncodedRow> rows = rows(10);

        // when
        RetryOutcome<EncodedRow> outcome = writer.write(rows, START.plusSeconds(10));

        // then
        assertThat(outcome.written()).containsExactlyElementsOf(rows);
        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
        assertThat(outcome.failure()).isEmpty();
    }

    @Test
    void write_resendsOnlyTheRefusedItems_untilAllAreWritten() {
        // given: the first attempt refuses rows 1 and 3, the second refuses row 3 again
        List<EncodedRow> rows = rows(5);
        List<List<EncodedRow>> calls = new ArrayList<>();
        BatchWriter<EncodedRow> sink = (batch, deadline) -> {
            calls.add(batch);
            List<EncodedRow> refuse = switch (calls.size()) {
                case 1 -> List.of(rows.get(1), rows.get(3));
                case 2 -> List.of(rows.get(3));
                default -> List.of();
            };
            return outcome(batch, refuse, "refused: ServiceUnavailableException");
        };

        // when
        RetryOutcome<EncodedRow> outcome = writer(sink, 5).write(rows, START.plusSeconds(10));

        // then
        assertThat(calls).containsExactly(rows, List.of(rows.get(1), rows.get(3)), List.of(rows.get(3)));
        assertThat(outcome.written()).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.possibleDuplicates()).isEmpty();
        assertThat(outcome.ambiguousResends()).isZero();
    }

    @Test
    void write_waitsWithFullJitterBelowAnExponentialCeiling_betweenAttempts() {
        // given: a sink that refuses everything, always
        BatchWriter<EncodedRow> sink = (batch, deadline) -> outcome(batch, batch, "throttled: ThrottlingException");

        // when
        RetryOutcome<EncodedRow> outcome = writer(sink, 6).write(rows(3), START.plus(Duration.ofDays(1)));

        // then
        List<Duration> sleeps = time.sleeps();
        assertThat(sleeps).hasSize(5);
        for (int retry = 0; retry < sleeps.size(); retry++) {
            assertThat(sleeps.get(retry)).isBetween(Duration.ZERO, BACKOFF.ceiling(retry));
        }
        assertThat(outcome.attempts()).isEqualTo(6);
        assertThat(outcome.unwritten()).hasSize(3).allSatisfy(refusal -> {
            assertThat(refusal.retryable()).isTrue();
            assertThat(refusal.reason()).startsWith("gave up after 6 attempts").contains("ThrottlingException");
        });
    }

    @Test
    void write_neverSleepsPastTheDeadline_andReportsWhatIsLeftAsUnwritten() {
        // given: every call takes 300 ms and is throttled; the deadline is 1 s away
        UnreliableSink<EncodedRow> sink = new UnreliableSink<>(new SplittableRandom(7), 1.0, 0, 0, time,
                Duration.ofMillis(300));
        Instant deadline = START.plusSeconds(1);
        List<EncodedRow> rows = rows(4);

        // when
        RetryOutcome<EncodedRow> outcome = writer(sink::write, 100).write(rows, deadline);

        // then
        assertThat(time.instant()).isBeforeOrEqualTo(deadline);
        assertThat(time.sleeps().stream().reduce(Duration.ZERO, Duration::plus)).isLessThan(Duration.ofSeconds(1));
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.unwritten()).extracting(Refusal::item).containsExactlyElementsOf(rows);
        assertThat(outcome.unwritten()).allSatisfy(refusal -> assertThat(refusal.reason()).startsWith("deadline"));
        assertThat(outcome.attempts()).isBetween(1, 3);
    }

    @Test
    void write_namesTheServicesLastRefusal_whenTheDeadlineStopsItAfterACallThatWasNotSent() {
        // given: each call takes 900 ms; the service refuses once, then too little time is left to send
        List<EncodedRow> rows = rows(2);
        List<Integer> calls = new ArrayList<>();
        BatchWriter<EncodedRow> sink = refusingAll(calls, Duration.ofMillis(900), 1,
                "refused: ServiceUnavailableException: slow down", Kind.NOT_SENT, "not sent: 10 ms left");

        // when
        RetryOutcome<EncodedRow> outcome = writer(sink, 100).write(rows, START.plusSeconds(3));

        // then
        assertThat(calls).hasSizeGreaterThan(1);
        assertThat(outcome.unwritten()).hasSize(2).allSatisfy(refusal -> assertThat(refusal.reason())
                .startsWith("deadline").contains("(last: refused: ServiceUnavailableException"));
    }

    @Test
    void write_namesTheServicesLastAnswerToo_whenTheLastAttemptBeforeTheDeadlineTimedOut() {
        // given: the service refuses twice, then the last call, given what is left of the budget, times out
        List<EncodedRow> rows = rows(2);
        List<Integer> calls = new ArrayList<>();
        BatchWriter<EncodedRow> sink = refusingAll(calls, Duration.ofSeconds(1), 2,
                "refused: ServiceUnavailableException: slow down", Kind.POSSIBLY_WRITTEN, "timed out: after 84 ms");

        // when
        RetryOutcome<EncodedRow> outcome = writer(sink, 100).write(rows, START.plusSeconds(3));

        // then
        assertThat(calls).hasSize(3);
        assertThat(outcome.unwritten()).hasSize(2).allSatisfy(refusal -> assertThat(refusal.reason())
                .startsWith("deadline")
                .contains("(last: timed out: after 84 ms;"
                        + " the service last answered: refused: ServiceUnavailableException: slow down)"));
        assertThat(outcome.possiblyWritten()).hasSize(2);
    }

    @Test
    void write_doesNotResendRefusalsThatAreNotRetryable() {
        // given
        List<EncodedRow> rows = rows(4);
        UnreliableSink<EncodedRow> sink = UnreliableSink.<EncodedRow>reliable(time).refusingForGood(List.of(rows.get(2)));

        // when
        RetryOutcome<EncodedRow> outcome = writer(sink::write, 5).write(rows, START.plusSeconds(10));

        // then
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.written()).containsExactly(rows.get(0), rows.get(1), rows.get(3));
        assertThat(outcome.unwritten()).containsExactly(new Refusal<>(rows.get(2), "row.too_large", false));
    }

    @Test
    void write_countsResendsAfterAmbiguousRefusals_asPossibleDuplicates() {
        // given: the first call times out after the sink stored everything; the second succeeds
        List<EncodedRow> rows = rows(3);
        List<Integer> calls = new ArrayList<>();
        BatchWriter<EncodedRow> sink = (batch, deadline) -> {
            calls.add(batch.size());
            return calls.size() == 1
                    ? outcome(batch, "timed out", Kind.POSSIBLY_WRITTEN)
                    : WriteOutcome.allWritten(batch);
        };

        // when
        RetryOutcome<EncodedRow> outcome = writer(sink, 5).write(rows, START.plusSeconds(10));

        // then
        assertThat(outcome.written()).containsExactlyElementsOf(rows);
        assertThat(outcome.ambiguousResends()).isEqualTo(3);
        assertThat(outcome.possibleDuplicates()).containsExactlyElementsOf(rows);
        assertThat(outcome.possiblyWritten()).isEmpty();
    }

    @Test
    void write_reportsAmbiguouslyRefusedItemsAsPossiblyWritten_whenTheyAreNeverConfirmed() {
        // given: one ambiguous attempt, then the attempts run out
        List<EncodedRow> rows = rows(2);
        BatchWriter<EncodedRow> sink = (batch, deadline) -> outcome(batch, "connection lost", Kind.POSSIBLY_WRITTEN);

        // when
        RetryOutcome<EncodedRow> outcome = writer(sink, 1).write(rows, START.plusSeconds(10));

        // then
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.unwritten()).extracting(Refusal::item).containsExactlyElementsOf(rows);
        assertThat(outcome.possiblyWritten()).containsExactlyElementsOf(rows);
        assertThat(outcome.ambiguousResends()).isZero();
    }

    @Test
    void write_stopsAndReportsTheFailure_whenTheSinkThrowsAPortException_keepingWhatWasWritten() {
        // given: call 1 refuses some, call 2 throws
        List<EncodedRow> rows = rows(50);
        UnreliableSink<EncodedRow> sink = new UnreliableSink<EncodedRow>(new SplittableRandom(3), 0, 0, 0.5, time,
                Duration.ZERO).failingAfter(1);

        // when
        RetryOutcome<EncodedRow> outcome = writer(sink::write, 5).write(rows, START.plusSeconds(10));

        // then
        assertThat(outcome.failure()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("not found"));
        assertThat(outcome.written()).isNotEmpty();
        assertThat(outcome.written().size() + outcome.unwritten().size()).isEqualTo(50);
        assertThat(outcome.unwritten()).allSatisfy(refusal -> {
            assertThat(refusal.retryable()).isFalse();
            assertThat(refusal.reason()).startsWith("failed: ");
        });
    }

    @Test
    void write_stopsWithoutWaiting_whenInterrupted() {
        // given
        Sleeper interrupted = duration -> {
            throw new InterruptedException();
        };
        BatchWriter<EncodedRow> sink = (batch, deadline) -> outcome(batch, batch, "throttled");
        RetryingWriter<EncodedRow> writer = new RetryingWriter<>(sink, BACKOFF, 5, time, interrupted, new SplittableRandom(1));

        // when
        RetryOutcome<EncodedRow> outcome = writer.write(rows(2), START.plusSeconds(10));

        // then
        assertThat(Thread.interrupted()).isTrue();
        assertThat(outcome.unwritten()).hasSize(2)
                .allSatisfy(refusal -> assertThat(refusal.reason()).startsWith("interrupted"));
    }

    @Test
    void write_throws_whenTheSinkLosesAnItem() {
        // given: a broken sink that forgets the last item
        BatchWriter<EncodedRow> lossy = (batch, deadline) -> WriteOutcome.allWritten(batch.subList(0, batch.size() - 1));

        // when / then
        assertThatThrownBy(() -> writer(lossy, 3).write(rows(3), START.plusSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("every item must come back written or refused");
    }

    @Test
    void write_retriesDeadLettersAsWellAsRows() {
        // given
        UnreliableSink<DeadLetter> sink = new UnreliableSink<>(new SplittableRandom(11), 0.3, 0, 0.2, time, Duration.ZERO);
        RetryingWriter<DeadLetter> writer = new RetryingWriter<>(new UnreliableDeadLetterSink(sink)::write, BACKOFF, 30,
                time, time, new SplittableRandom(5));
        List<DeadLetter> letters = deadLetters(40);

        // when
        RetryOutcome<DeadLetter> outcome = writer.write(letters, START.plusSeconds(60));

        // then
        assertThat(outcome.written()).containsExactlyInAnyOrderElementsOf(letters);
        assertThat(letters).allSatisfy(letter -> assertThat(sink.timesStored(letter)).isEqualTo(1));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void write_writesEveryItemExactlyOnceOrReportsIt_underRandomFaults(long seed) {
        // given: 30 % of calls throttled, 10 % time out after storing, 20 % of items refused; 2 s budget
        RandomGenerator faults = new SplittableRandom(seed);
        UnreliableSink<EncodedRow> sink = new UnreliableSink<>(faults, 0.3, 0.1, 0.2, time, Duration.ofMillis(40));
        RetryingWriter<EncodedRow> writer = new RetryingWriter<>(new UnreliableRowSink(sink)::write,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(500)), 50, time, time, new SplittableRandom(seed));
        List<EncodedRow> rows = rows(500);
        Instant deadline = START.plusSeconds(2);

        // when
        RetryOutcome<EncodedRow> outcome = writer.write(rows, deadline);

        // then: every row is accounted for exactly once
        List<EncodedRow> accounted = new ArrayList<>(outcome.written());
        outcome.unwritten().forEach(refusal -> accounted.add(refusal.item()));
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(rows);
        // what the result says written was stored; what it says unwritten was not, unless flagged as possibly written
        assertThat(outcome.written()).allSatisfy(row -> assertThat(sink.timesStored(row)).isPositive());
        for (Refusal<EncodedRow> refusal : outcome.unwritten()) {
            if (!outcome.possiblyWritten().contains(refusal.item())) {
                assertThat(sink.timesStored(refusal.item())).isZero();
            }
        }
        // duplicates happen only where an ambiguous attempt came first, and they are all flagged
        for (EncodedRow row : rows) {
            if (sink.timesStored(row) > 1) {
                assertThat(outcome.possibleDuplicates().contains(row) || outcome.possiblyWritten().contains(row))
                        .as("row %s stored %d times", row.rowId(), sink.timesStored(row)).isTrue();
            }
        }
        assertThat(outcome.ambiguousResends()).isGreaterThanOrEqualTo(outcome.possibleDuplicates().size());
        assertThat(time.instant()).isBeforeOrEqualTo(deadline);
    }

    @Test
    void constructor_needsAtLeastOneAttempt() {
        // when / then
        assertThatThrownBy(() -> writer((batch, deadline) -> WriteOutcome.allWritten(batch), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private RetryingWriter<EncodedRow> writer(BatchWriter<EncodedRow> sink, int maxAttempts) {
        return new RetryingWriter<>(sink, BACKOFF, maxAttempts, time, time, new SplittableRandom(99));
    }

    /**
     * A sink that refuses every row of every call, each call taking {@code callTime}: the first {@code firstCalls}
     * calls with {@code firstReason} (retryable), later ones with {@code laterReason} of {@code laterKind}; it records each call's batch size.
     */
    private BatchWriter<EncodedRow> refusingAll(List<Integer> calls, Duration callTime, int firstCalls,
                                                String firstReason, Kind laterKind, String laterReason) {
        return (batch, deadline) -> {
            calls.add(batch.size());
            time.pass(callTime);
            return calls.size() <= firstCalls ? outcome(batch, batch, firstReason)
                    : outcome(batch, batch, laterReason, laterKind);
        };
    }

    private static WriteOutcome<EncodedRow> outcome(List<EncodedRow> batch, List<EncodedRow> refuse, String reason) {
        return outcome(batch, refuse, reason, Kind.RETRYABLE);
    }

    private static WriteOutcome<EncodedRow> outcome(List<EncodedRow> batch, String reason, Kind kind) {
        return outcome(batch, batch, reason, kind);
    }

    private static WriteOutcome<EncodedRow> outcome(List<EncodedRow> batch, List<EncodedRow> refuse, String reason,
                                                    Kind kind) {
        List<EncodedRow> written = batch.stream().filter(row -> !refuse.contains(row)).toList();
        List<Refusal<EncodedRow>> refused = batch.stream().filter(refuse::contains)
                .map(row -> new Refusal<>(row, reason, kind)).toList();
        return new WriteOutcome<>(written, refused);
    }
}
