package dev.fanout.bootstrap.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

/** Runs the real command line in-process and keeps what it printed. */
final class CommandRunner {

    /**
     * No region, no progress bar, and no credentials: a file replay must never look for any. Tests never
     * read or change the process's own environment.
     */
    static final CliEnvironment LOCAL = new CliEnvironment(Optional.empty(), ProgressMode.NEVER, () -> {
        throw new AssertionError("a replay asked for AWS credentials it should not need");
    }, true);

    record Result(int exitCode, String out, String err) {
    }

    private CommandRunner() {
    }

    static Result run(String... args) {
        return runIn(LOCAL, args);
    }

    static Result runIn(CliEnvironment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FanoutCommand.commandLine(environment)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
