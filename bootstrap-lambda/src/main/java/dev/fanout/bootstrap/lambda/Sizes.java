package dev.fanout.bootstrap.lambda;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the byte sizes and durations of the configuration, as the command line's flags take them. */
final class Sizes {

    private static final Pattern BYTES = Pattern.compile("([0-9]+)\\s*([kmg]i?b?|b)?");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(ms|s|m)");

    private Sizes() {
    }

    /** {@code 1024000}, {@code 1000KiB}, {@code 8MiB}, {@code 64kb} (k, m, g are powers of 1024). */
    static long bytes(String value) {
        Matcher m = BYTES.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a byte size (examples: 1024000, 1000KiB, 8MiB)");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is too large", e);
        }
    }

    /** {@code 500ms}, {@code 5s}, {@code 1m} or an ISO-8601 duration such as {@code PT5S}; never negative. */
    static Duration duration(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        }
        try {
            Duration parsed = Duration.parse(value.strip());
            if (parsed.isNegative()) {
                throw new IllegalArgumentException("'" + value + "' is negative");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (examples: 500ms, 5s, PT5S)", e);
        }
    }
}
