package dev.fanout.domain.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RepeatedListsTest {

    private static RenderedAttributes rendering(String text) {
        return new RenderedAttributes(text.getBytes(StandardCharsets.UTF_8), new String[0], new String[0]);
    }

    @Test
    void find_returnsWhatWasKept_forTheSameBytesAnywhereInASource() {
        // given
        RepeatedLists lists = new RepeatedLists();
        byte[] first = "xx[1,2,3]yy".getBytes(StandardCharsets.US_ASCII);
        byte[] later = "[1,2,3]".getBytes(StandardCharsets.US_ASCII);
        RenderedAttributes kept = rendering("{}");

        // when
        lists.keep(first, 2, 9, kept);

        // then
        assertThat(lists.find(later, 0, later.length)).isSameAs(kept);
        assertThat(lists.find("[1,2,4]".getBytes(StandardCharsets.US_ASCII), 0, 7)).isNull();
    }

    @Test
    void find_neverReturnsAnotherListsRendering_whenFarMoreListsOfOneLengthAreKeptThanThereAreSlots() {
        // given: 50,000 distinct lists of the same length, so that many share a pair of slots
        RepeatedLists lists = new RepeatedLists();
        int count = 50_000;
        for (int i = 0; i < count; i++) {
            byte[] list = String.format("[%08d]", i).getBytes(StandardCharsets.US_ASCII);
            lists.keep(list, 0, list.length, rendering(Integer.toString(i)));
        }

        // when / then: each is either forgotten or its own; the most recent ones are remembered
        int found = 0;
        for (int i = 0; i < count; i++) {
            byte[] list = String.format("[%08d]", i).getBytes(StandardCharsets.US_ASCII);
            RenderedAttributes rendered = lists.find(list, 0, list.length);
            if (rendered != null) {
                found++;
                assertThat(new String(rendered.json(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(i));
            }
        }
        assertThat(found).isBetween(1_000, 8_192);
        byte[] last = String.format("[%08d]", count - 1).getBytes(StandardCharsets.US_ASCII);
        assertThat(lists.find(last, 0, last.length)).isNotNull();
    }

    @Test
    void keep_ignoresListsLongerThanTheLimit() {
        // given
        RepeatedLists lists = new RepeatedLists();
        byte[] atLimit = ("[" + "1".repeat(RepeatedLists.MAX_LIST_BYTES - 2) + "]").getBytes(StandardCharsets.US_ASCII);
        byte[] pastLimit = ("[" + "1".repeat(RepeatedLists.MAX_LIST_BYTES - 1) + "]").getBytes(StandardCharsets.US_ASCII);

        // when
        lists.keep(atLimit, 0, atLimit.length, rendering("a"));
        lists.keep(pastLimit, 0, pastLimit.length, rendering("b"));

        // then
        assertThat(lists.find(atLimit, 0, atLimit.length)).isNotNull();
        assertThat(lists.find(pastLimit, 0, pastLimit.length)).isNull();
    }
}
