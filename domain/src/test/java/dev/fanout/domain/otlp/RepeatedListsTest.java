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

    @Test
    void findAt_findsKeptListsInTheOrderTheyCameBefore_andSaysWhereEachEnds() {
        // given: a poll's lists kept in order, then the next poll with the same lists in the same order
        RepeatedLists lists = new RepeatedLists();
        byte[] poll = "{\"a\":[1,2],\"b\":[3],\"c\":[4,5,6]}".getBytes(StandardCharsets.US_ASCII);
        int[][] ranges = {{5, 10}, {15, 18}, {23, 30}};
        RenderedAttributes[] kept = {rendering("a"), rendering("b"), rendering("c")};
        for (int i = 0; i < ranges.length; i++) {
            assertThat(lists.findAt(poll, ranges[i][0])).isNull();
            lists.keep(poll, ranges[i][0], ranges[i][1], kept[i]);
        }
        byte[] next = ("  " + new String(poll, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);

        // when / then
        for (int i = 0; i < ranges.length; i++) {
            assertThat(lists.findAt(next, ranges[i][0] + 2)).isSameAs(kept[i]);
            assertThat(lists.end()).isEqualTo(ranges[i][1] + 2);
        }
    }

    @Test
    void findAt_looksTheListUp_whenItIsNotTheOneThatCameNextBefore() {
        // given: [1] was followed by [2]; now [1] is followed by [3], kept earlier elsewhere
        RepeatedLists lists = new RepeatedLists();
        byte[] source = "[1][2][3]".getBytes(StandardCharsets.US_ASCII);
        RenderedAttributes one = rendering("1");
        RenderedAttributes two = rendering("2");
        RenderedAttributes three = rendering("3");
        lists.keep(source, 0, 3, one);
        lists.keep(source, 3, 6, two);
        lists.keep(source, 6, 9, three);
        byte[] later = "[1][3][2]".getBytes(StandardCharsets.US_ASCII);

        // when / then
        assertThat(lists.findAt(later, 0)).isSameAs(one);
        assertThat(lists.findAt(later, 3)).isSameAs(three);
        assertThat(lists.end()).isEqualTo(6);
        assertThat(lists.findAt(later, 6)).isSameAs(two);
    }

    @Test
    void findAt_neitherGuessesNorThrows_whenTheSourceEndsBeforeTheGuessedList() {
        // given: [1] was followed by [2,2]
        RepeatedLists lists = new RepeatedLists();
        byte[] source = "[1][2,2]".getBytes(StandardCharsets.US_ASCII);
        lists.keep(source, 0, 3, rendering("1"));
        lists.keep(source, 3, 8, rendering("2"));
        byte[] cut = "[1][2,".getBytes(StandardCharsets.US_ASCII);

        // when
        lists.findAt(cut, 0);
        RenderedAttributes found = lists.findAt(cut, 3);

        // then
        assertThat(found).isNull();
        assertThat(lists.end()).isEqualTo(-1);
    }

    @Test
    void findAt_guessesNothing_afterAListThatWasNotKept() {
        // given: [1] followed by [2]; then [1] followed by a list too long to keep, then [2] again
        RepeatedLists lists = new RepeatedLists();
        byte[] source = "[1][2]".getBytes(StandardCharsets.US_ASCII);
        RenderedAttributes two = rendering("2");
        lists.keep(source, 0, 3, rendering("1"));
        lists.keep(source, 3, 6, two);
        String longList = "[" + "7".repeat(RepeatedLists.MAX_LIST_BYTES) + "]";
        byte[] later = ("[1]" + longList + "[2]").getBytes(StandardCharsets.US_ASCII);

        // when / then: the long list is not mistaken for [2], and [2] is still found by lookup
        lists.findAt(later, 0);
        assertThat(lists.findAt(later, 3)).isNull();
        assertThat(lists.end()).isEqualTo(-1);
        assertThat(lists.findAt(later, 3 + longList.length())).isSameAs(two);
    }
}
