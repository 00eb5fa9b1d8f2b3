package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanSizesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0 B",
            "999|999 B",
            "1000|1.0 kB",
            "48979|49.0 kB",
            "999949|999.9 kB",
            "999950|1.0 MB",
            "57565137|57.6 MB",
            "1500000000|1.5 GB",
            "3000000000000000|3000.0 TB"})
    void bytes_picksTheUnitThatKeepsTheNumberReadable(long bytes, String expected) {
        // when / then
        assertThat(HumanSizes.bytes(bytes)).isEqualTo(expected);
    }
}
