package dev.fanout.infra.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed reads of CDK context values. A value comes as a string from {@code -c key=value} and may come as a
 * number or a boolean from cdk.json; both are accepted. Every refusal names the key.
 */
final class ContextValues {

    private final Map<String, ?> values;

    ContextValues(Map<String, ?> values) {
        this.values = Map.copyOf(Objects.requireNonNull(values, "values"));
    }

    /** The trimmed text of {@code key}, or empty when it is absent or blank. */
    Optional<String> text(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    String required(String key, String what) {
        return text(key).orElseThrow(() -> new InvalidContextException(key,
                "required; pass " + what + " with -c " + key + "=…"));
    }

    /** The text of {@code key} when it matches {@code pattern}; {@code shown} is false for values never echoed. */
    Optional<String> matching(String key, Pattern pattern, String expected, boolean shown) {
        Optional<String> text = text(key);
        text.ifPresent(value -> {
            if (!pattern.matcher(value).matches()) {
                throw new InvalidContextException(key, "must be " + expected
                        + (shown ? ", got '" + value + "'" : ""));
            }
        });
        return text;
    }

    Optional<Integer> integer(String key, int min, int max) {
        return text(key).map(text -> {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new InvalidContextException(key, "must be a whole number from " + min + " to " + max
                        + ", got '" + text + "'");
            }
            if (value < min || value > max) {
                throw new InvalidContextException(key, "must be from " + min + " to " + max + ", got " + value);
            }
            return value;
        });
    }

    Optional<Double> positiveNumber(String key, double max) {
        return text(key).map(text -> {
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidContextException(key, "must be a number, got '" + text + "'");
            }
            if (!(value > 0) || value > max) {
                throw new InvalidContextException(key, "must be more than 0 and at most " + max + ", got " + text);
            }
            return value;
        });
    }

    boolean flag(String key) {
        return text(key).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidContextException(key, "must be true or false, got '" + text + "'");
        }).orElse(false);
    }
}
