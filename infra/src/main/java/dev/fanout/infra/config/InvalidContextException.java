package dev.fanout.infra.config;

/**
 * A context value that cannot be deployed, with a message that names its key and says what would be accepted.
 * Synth stops on it before any construct is built.
 */
public final class InvalidContextException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    InvalidContextException(String key, String problem) {
        super("context key '" + key + "': " + problem);
        this.key = key;
    }

    /** The context key whose value was refused. */
    public String key() {
        return key;
    }
}
