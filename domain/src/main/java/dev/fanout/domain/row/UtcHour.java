package dev.fanout.domain.row;

import dev.fanout.domain.json.JsonBuffer;

/**
 * One UTC hour: the row's {@code dt} and {@code hour} (docs/row-event.md §3) for every timestamp inside it, as strings
 * for the partition key and as the ready-made JSON fragment {@code ,"dt":"yyyy-MM-dd","hour":"HH"}.
 */
record UtcHour(long epochHour, String dt, String hour, byte[] json) {

    private static final long MILLIS_PER_HOUR = 3_600_000L;

    static long epochHourOf(long epochMillis) {
        return Math.floorDiv(epochMillis, MILLIS_PER_HOUR);
    }

    static UtcHour of(long epochHour) {
        long days = Math.floorDiv(epochHour, 24);
        int hourOfDay = Math.floorMod(epochHour, 24);
        // Days to civil date (H. Hinnant's algorithm): no java.time objects on the hot path.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        String dt = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
        String hour = pad(hourOfDay, 2);
        byte[] json = JsonBuffer.ascii(",\"dt\":\"" + dt + "\",\"hour\":\"" + hour + "\"");
        return new UtcHour(epochHour, dt, hour, json);
    }

    private static String pad(long value, int width) {
        String text = Long.toString(value);
        return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
    }
}
