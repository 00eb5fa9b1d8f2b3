package dev.fanout.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionKeyTest {

    @Test
    void path_isTheFolderTheFirehoseQueryNames() {
        // given
        PartitionKey key = new PartitionKey("acme", "cpu%2Fload", "2025-11-21", "04");

        // when
        String path = key.path();

        // then
        assertThat(path).isEqualTo("orgid=acme/metric=cpu%2Fload/dt=2025-11-21/hour=04");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2025-11-2", "2025/11/21", "../../etc", "2025-11-21/x"})
    void constructor_refusesADateThatIsNotYyyyMmDd_soNoKeyCanEscapeItsFolder(String dt) {
        assertThatThrownBy(() -> new PartitionKey("acme", "cpu", dt, "04"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "a/b", ""})
    void constructor_refusesSegmentsThatAreNotSafeFolderNames(String segment) {
        assertThatThrownBy(() -> new PartitionKey(segment, "cpu", "2025-11-21", "04"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalsAndHashCode_compareAllFourParts_likeARecordWould() {
        // given
        PartitionKey key = new PartitionKey("acme", "cpu", "2025-11-21", "04");
        PartitionKey same = new PartitionKey(new String("acme"), new String("cpu"), "2025-11-21", "04");

        // then
        assertThat(same).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(key).isNotEqualTo(new PartitionKey("acme2", "cpu", "2025-11-21", "04"))
                .isNotEqualTo(new PartitionKey("acme", "cpu2", "2025-11-21", "04"))
                .isNotEqualTo(new PartitionKey("acme", "cpu", "2025-11-22", "04"))
                .isNotEqualTo(new PartitionKey("acme", "cpu", "2025-11-21", "05"))
                .isNotEqualTo("acme/cpu");
    }
}
