package dev.fanout.domain.batch;

import static dev.fanout.domain.batch.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PortException;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RetryingRowSinkTest {

    private static final Instant START = Instant.parse("2025-11-21T03:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    private final FakeTime time = new FakeTime(START);
    private final RetryPolicy policy = RetryPolicy.untilDeadline(BACKOFF, time, time, new SplittableRandom(17));

    @Test
    void write_resendsRefusedRows_untilEveryRowIsWritten() {
        // given: 30 % of calls throttled, 20 % of rows refused, all retryable
        UnreliableSink<EncodedRow> unreliable = new UnreliableSink<>(new SplittableRandom(5), 0.3, 0, 0.2, time,
                Duration.ofMillis(20));
        RetryingRowSink sink = new RetryingRowSink(new UnreliableRowSink(unreliable), policy);
        List<EncodedRow> rows = rows(300);

        // when
        WriteOutcome<EncodedRow> outcome = sink.write(rows, START.plusSeconds(60));

        // then
        assertThat(outcome.written()).containsExactlyInAnyOrderElementsOf(rows);
        assertThat(outcome.refused()).isEmpty();
        assertThat(rows).allSatisfy(row -> assertThat(unreliable.timesStored(row)).isEqualTo(1));
        WriteTally tally = sink.tally();
        assertThat(tally.written()).isEqualTo(300);
        assertThat(tally.attempts()).isGreaterThan(1);
        assertThat(tally.possibleDuplicates()).isZero();
    }

    @Test
    void write_refusesExactlyTheRowsStillUnwrittenAtTheDeadline_whenTheSinkRefusesForever() {
        // given: every call is throttled and takes 100 ms; 2 s budget
        UnreliableSink<EncodedRow> unreliable = new UnreliableSink<>(new SplittableRandom(5), 1.0, 0, 0, time,
                Duration.ofMillis(100));
        RetryingRowSink sink = new RetryingRowSink(new UnreliableRowSink(unreliable), policy);
        List<EncodedRow> rows = rows(7);
        Instant deadline = START.plusSeconds(2);

        // when
        WriteOutcome<EncodedRow> outcome = sink.write(rows, deadline);

        // then
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.refused()).extracting(Refusal::item).containsExactlyElementsOf(rows);
        assertThat(outcome.refused()).allSatisfy(refusal ->
                assertThat(refusal.reason()).startsWith("deadline").contains("ThrottlingException"));
        assertThat(time.instant()).isBeforeOrEqualTo(deadline);
        assertThat(sink.tally().unwritten()).isEqualTo(7);
        assertThat(sink.tally().firstRefusal()).hasValueSatisfying(reason -> assertThat(reason).startsWith("deadline"));
    }

    @Test
    void tally_countsPossibleDuplicates_whenAnAmbiguousCallIsResent_acrossWrites() {
        // given: the first call of each write times out after storing everything
        List<Integer> calls = new ArrayList<>();
        RowSink ambiguousFirst = sinkOf((batch, deadline) -> {
            calls.add(batch.size());
            return calls.size() % 2 == 1
                    ? new WriteOutcome<>(List.of(), batch.stream()
                            .map(row -> new Refusal<>(row, "timed out", Kind.POSSIBLY_WRITTEN)).toList())
                    : WriteOutcome.allWritten(batch);
        });
        RetryingRowSink sink = new RetryingRowSink(ambiguousFirst, policy);

        // when
        sink.write(rows(3), START.plusSeconds(10));
        sink.write(rows(2), START.plusSeconds(20));

        // then
        assertThat(sink.tally()).isEqualTo(new WriteTally(5, 0, 5, 0, 4, Optional.empty()));
    }

    @Test
    void write_rethrowsTheOutage_afterTallyingTheRowsWrittenBeforeIt() {
        // given: the first call writes half, the second finds the stream gone
        UnreliableSink<EncodedRow> unreliable = new UnreliableSink<EncodedRow>(new SplittableRandom(3), 0, 0, 0.5, time,
                Duration.ZERO).failingAfter(1);
        RetryingRowSink sink = new RetryingRowSink(new UnreliableRowSink(unreliable), policy);

        // when / then
        assertThatThrownBy(() -> sink.write(rows(40), START.plusSeconds(10)))
                .isInstanceOf(PortException.class).hasMessageContaining("stream 'rows' not found");
        WriteTally tally = sink.tally();
        assertThat(tally.written()).isPositive();
        assertThat(tally.written() + tally.unwritten()).isEqualTo(40);
        assertThat(tally.firstRefusal()).hasValueSatisfying(reason -> assertThat(reason).startsWith("failed: "));
    }

    @Test
    void close_closesTheWrappedSink() {
        // given
        AtomicBoolean closed = new AtomicBoolean();
        RowSink inner = new RowSink() {
            @Override
            public WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline) {
                return WriteOutcome.allWritten(rows);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };

        // when
        new RetryingRowSink(inner, policy).close();

        // then
        assertThat(closed).isTrue();
    }

    private static RowSink sinkOf(BatchWriter<EncodedRow> write) {
        return new RowSink() {
            @Override
            public WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline) {
                return write.write(rows, deadline);
            }

            @Override
            public void close() {
            }
        };
    }
}
