package dev.fanout.domain.batch;

import static dev.fanout.domain.batch.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.WriteOutcome.Refusal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WriteTallyTest {

    @Test
    void plus_addsTheCounts_andKeepsTheFirstRefusalReason() {
        // given
        List<EncodedRow> rows = rows(4);
        RetryOutcome<EncodedRow> first = new RetryOutcome<>(List.of(rows.get(0)),
                List.of(new Refusal<>(rows.get(1), "deadline reached (last: throttled)", true)),
                List.of(rows.get(0)), List.of(), 3, 1, Optional.empty());
        RetryOutcome<EncodedRow> second = new RetryOutcome<>(List.of(rows.get(2)),
                List.of(new Refusal<>(rows.get(3), "row.too_large", false)), List.of(), List.of(rows.get(3)), 1, 0,
                Optional.empty());

        // when
        WriteTally tally = WriteTally.NONE.plus(first).plus(second);

        // then
        assertThat(tally).isEqualTo(new WriteTally(2, 2, 1, 1, 4, Optional.of("deadline reached (last: throttled)")));
    }

    @Test
    void constructor_rejectsNegativeCounts_andAReasonWithoutUnwrittenItems() {
        // when / then
        assertThatThrownBy(() -> new WriteTally(-1, 0, 0, 0, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteTally(1, 0, 0, 0, 1, Optional.of("why")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
