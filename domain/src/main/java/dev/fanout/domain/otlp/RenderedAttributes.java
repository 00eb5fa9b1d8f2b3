package dev.fanout.domain.otlp;

import java.util.Objects;

/**
 * An attribute list already rendered as the row's JSON object (docs/row-event.md §3.1), plus the string values of the
 * few keys the row's configured fields look up (org key, profile keys). Rendered once while parsing and
 * copied byte for byte into every row that shows it.
 */
public final class RenderedAttributes {

    private static final String[] NONE = new String[0];
    public static final RenderedAttributes EMPTY = new RenderedAttributes(null, NONE, NONE);

    private final byte[] json;
    private final String[] lookupKeys;
    private final String[] lookupValues;

    RenderedAttributes(byte[] json, String[] lookupKeys, String[] lookupValues) {
        this.json = json;
        this.lookupKeys = Objects.requireNonNull(lookupKeys);
        this.lookupValues = Objects.requireNonNull(lookupValues);
    }

    /** True when the list renders as an empty object (the row then omits it). */
    public boolean isEmpty() {
        return json == null;
    }

    /** The rendered {@code {…}} object; null when empty. Shared: never modify it. */
    public byte[] json() {
        return json;
    }

    /**
     * The value of {@code key} when it renders as a non-empty JSON string (a {@code stringValue}, a
     * {@code bytesValue}, or a non-finite {@code doubleValue}: docs/row-event.md §5 reads rendered values), else null.
     * Only keys the decoder was asked to capture are known.
     */
    public String stringValue(String key) {
        for (int i = 0; i < lookupKeys.length; i++) {
            if (lookupKeys[i].equals(key)) {
                return lookupValues[i];
            }
        }
        return null;
    }
}
