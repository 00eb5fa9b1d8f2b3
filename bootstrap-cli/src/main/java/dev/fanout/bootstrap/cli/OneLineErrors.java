package dev.fanout.bootstrap.cli;

import dev.fanout.ports.PortException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns an outage (missing input, unwritable output, a refused delivery stream) into one line on stderr
 * naming the problem and exit code 1, instead of a stack trace. Anything else is a bug: it keeps its
 * stack trace so it can be reported.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {

    static final int EXIT_FAILED = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        // Argument mistakes never get here: ReplayCommand turns them into picocli usage errors (exit 2). An
        // IllegalArgumentException here is a broken invariant, which keeps its stack trace for the bug report.
        if (ex instanceof PortException || ex instanceof UncheckedIOException) {
            commandLine.getErr().println("fanout: error: " + ex.getMessage());
            return EXIT_FAILED;
        }
        throw ex;
    }
}
