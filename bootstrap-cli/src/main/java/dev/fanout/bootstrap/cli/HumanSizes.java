package dev.fanout.bootstrap.cli;

import java.util.Locale;

/**
 * Byte counts as people read them in the summary: decimal units (1 kB = 1000 bytes, as {@code ls -h --si}
 * and the S3 console count), one decimal, the unit chosen so that a small run does not read "0.0 MB".
 */
final class HumanSizes {

    private static final String[] UNITS = {"kB", "MB", "GB", "TB"};

    private HumanSizes() {
    }

    /** E.g. {@code 812 B}, {@code 49.0 kB}, {@code 57.6 MB}. */
    static String bytes(double bytes) {
        if (bytes < 1000) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        double value = bytes / 1000;
        int unit = 0;
        while (value >= 999.95 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
