package dev.fanout.bootstrap.lambda;

/**
 * Rows or dead letters still unwritten at the invocation's deadline. Thrown to the runtime, so the invocation
 * fails and the pipe (or Firehose) sends the whole batch again; what was written is written again under the
 * same row ids, and dead letters overwrite their own objects.
 */
final class UnwrittenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnwrittenException(String message) {
        super(message);
    }
}
