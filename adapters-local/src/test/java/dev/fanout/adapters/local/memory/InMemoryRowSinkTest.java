package dev.fanout.adapters.local.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PortException;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.contract.RowSinkContract;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InMemoryRowSinkTest extends RowSinkContract {

    @Override
    protected RowSink newSink() {
        return new InMemoryRowSink();
    }

    @Override
    protected List<StoredRow> readBack(RowSink sink) {
        return stored(((InMemoryRowSink) sink).written());
    }

    @Test
    void written_keepsRowsInTheOrderWritten() {
        // given
        InMemoryRowSink sink = new InMemoryRowSink();
        List<EncodedRow> first = rows(0, 3, 2);
        List<EncodedRow> second = rows(3, 3, 2);

        // when
        sink.write(first, FAR_DEADLINE);
        sink.write(second, FAR_DEADLINE);

        // then
        assertThat(sink.written()).containsExactlyElementsOf(concat(first, second));
        assertThat(sink.writeCalls()).isEqualTo(2);
    }

    @Test
    void write_refusesMatchingRows_everyTime_withTheGivenReasonAndRetryability() {
        // given
        List<EncodedRow> rows = rows(0, 6, 3);
        EncodedRow refused = rows.get(4);
        InMemoryRowSink sink = new InMemoryRowSink().refuse(refused::equals, "ServiceUnavailableException", true);

        // when
        WriteOutcome<EncodedRow> first = sink.write(rows, FAR_DEADLINE);
        WriteOutcome<EncodedRow> again = sink.write(List.of(refused), FAR_DEADLINE);

        // then
        assertThat(first.refused()).containsExactly(
                new WriteOutcome.Refusal<>(refused, "ServiceUnavailableException", true));
        assertThat(first.written()).hasSize(5).doesNotContain(refused);
        assertThat(again.written()).isEmpty();
        assertThat(sink.written()).doesNotContain(refused);
        assertThat(sink.refused()).hasSize(2);
    }

    @Test
    void write_refusesMatchingRowsForGood_whenToldTheyAreNotRetryable() {
        // given
        InMemoryRowSink sink = new InMemoryRowSink().refuse(row -> true, "too large", false);

        // when
        WriteOutcome<EncodedRow> outcome = sink.write(rows(0, 2, 1), FAR_DEADLINE);

        // then
        assertThat(outcome.refused()).allSatisfy(refusal -> assertThat(refusal.retryable()).isFalse());
    }

    @Test
    void write_acceptsARow_afterRefusingItTheGivenNumberOfTimes() {
        // given
        EncodedRow row = rows(0, 1, 1).getFirst();
        InMemoryRowSink sink = new InMemoryRowSink().refuseTimes(row::equals, 2, "throttled", true);

        // when
        boolean firstComplete = sink.write(List.of(row), FAR_DEADLINE).complete();
        boolean secondComplete = sink.write(List.of(row), FAR_DEADLINE).complete();
        WriteOutcome<EncodedRow> third = sink.write(List.of(row), FAR_DEADLINE);

        // then
        assertThat(firstComplete).isFalse();
        assertThat(secondComplete).isFalse();
        assertThat(third.written()).containsExactly(row);
        assertThat(sink.written()).containsExactly(row);
    }

    @Test
    void write_throwsPortException_forTheGivenNumberOfCalls_thenWritesAgain() {
        // given
        InMemoryRowSink sink = new InMemoryRowSink().failWrites(1, "stream not found");
        List<EncodedRow> rows = rows(0, 2, 1);

        // when / then
        assertThatThrownBy(() -> sink.write(rows, FAR_DEADLINE))
                .isInstanceOf(PortException.class)
                .hasMessage("stream not found");
        assertThat(sink.write(rows, FAR_DEADLINE).written()).isEqualTo(rows);
        assertThat(sink.written()).isEqualTo(rows);
    }

    @Test
    void write_throwsIllegalState_afterClose() {
        // given
        InMemoryRowSink sink = new InMemoryRowSink();
        sink.close();

        // when / then
        assertThat(sink.isClosed()).isTrue();
        assertThatThrownBy(() -> sink.write(rows(0, 1, 1), FAR_DEADLINE)).isInstanceOf(IllegalStateException.class);
    }

    private static List<EncodedRow> concat(List<EncodedRow> a, List<EncodedRow> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
