package dev.fanout.bootstrap.cli;

import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fanout} command: entry point of the command line. */
@Command(name = "fanout",
        mixinStandardHelpOptions = true,
        versionProvider = FanoutVersion.class,
        description = "Fans OpenTelemetry metric bundles out into Row Event v1 rows, in the S3 layout.",
        subcommands = {ReplayCommand.class, CommandLine.HelpCommand.class})
public final class FanoutCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final CliEnvironment environment;

    FanoutCommand(CliEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. 'fanout replay --help'");
    }

    /** What the process's environment says; subcommands read it here, never from the process. */
    CliEnvironment environment() {
        return environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(CliEnvironment.fromProcess()).execute(args));
    }

    /** The configured command line; tests call {@code execute} on it instead of {@link #main}. */
    static CommandLine commandLine(CliEnvironment environment) {
        return new CommandLine(new FanoutCommand(environment))
                .setExecutionExceptionHandler(new OneLineErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
