package dev.fanout.bootstrap.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A usage error is one line: the command, what is wrong, and where the full usage is. picocli's default
 * prints the whole help after the message, which buries the one sentence that matters.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    static final int EXIT_USAGE = 2;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine failed = ex.getCommandLine();
        String command = failed.getCommandSpec().qualifiedName(" ");
        String message = String.valueOf(ex.getMessage()).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        failed.getErr().println(command + ": " + message + " (see " + command + " --help)");
        failed.getErr().flush();
        return EXIT_USAGE;
    }
}
