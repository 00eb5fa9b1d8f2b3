package dev.fanout.domain.row;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcHourTest {

    @Test
    void of_formatsTheDateAndHour_likeJavaTime_acrossCenturiesAndLeapDays() {
        // given
        SplittableRandom random = new SplittableRandom(42);
        DateTimeFormatter date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
        long maxMillis = Long.divideUnsigned(-1L, 1_000_000L);

        for (int i = 0; i < 10_000; i++) {
            long millis = i == 0 ? 0 : i == 1 ? maxMillis : i == 2 ? 1_709_164_800_000L : random.nextLong(maxMillis);
            Instant instant = Instant.ofEpochMilli(millis);

            // when
            UtcHour utc = UtcHour.of(UtcHour.epochHourOf(millis));

            // then
            assertThat(utc.dt()).isEqualTo(date.format(instant));
            assertThat(utc.hour()).isEqualTo(hour.format(instant));
        }
    }

    @Test
    void of_givesTheJsonFragmentOfTheRow() {
        // given
        long millis = 1_709_251_199_999L;

        // when
        UtcHour utc = UtcHour.of(UtcHour.epochHourOf(millis));

        // then
        assertThat(new String(utc.json(), StandardCharsets.US_ASCII)).isEqualTo(",\"dt\":\"2024-02-29\",\"hour\":\"23\"");
    }
}
