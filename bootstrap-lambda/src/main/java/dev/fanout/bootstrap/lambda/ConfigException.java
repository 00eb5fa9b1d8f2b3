package dev.fanout.bootstrap.lambda;

/**
 * A missing or invalid setting of the function; the message names the environment variable and says what it
 * takes. Thrown from a handler's static initialiser, so the runtime reports an init error with it.
 */
final class ConfigException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String variable;

    ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    /** The environment variable at fault. */
    String variable() {
        return variable;
    }
}
