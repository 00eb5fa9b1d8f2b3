package dev.fanout.ports;

/**
 * An outage or misconfiguration behind a port (an unreadable input, an unwritable output, a missing
 * delivery stream). Adapters translate their technology's exceptions into this one, with a message a
 * human can act on, so that no SDK or I/O type crosses a port.
 */
public class PortException extends RuntimeException {

    public PortException(String message) {
        super(message);
    }

    public PortException(String message, Throwable cause) {
        super(message, cause);
    }
}
