package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.local.file.FileRowSink;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fanout} command: entry point of the command line. */
@Command(name = "fanout",
        mixinStandardHelpOptions = true,
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
        // Binding libcrypto and libdeflate takes tens of milliseconds; it overlaps argument parsing on a second
        // thread, and the replay waits for the SHA-256 provider (NativeSha256.install is synchronized) before
        // its first digest.
        CliEnvironment environment = CliEnvironment.fromProcess();
        Thread.ofPlatform().name("fanout-native").daemon().start(() -> {
            NativeSha256.install(environment.nativeLibraries());
            if (environment.nativeLibraries()) {
                FileRowSink.preloadCompression();
            }
        });
        System.exit(commandLine(environment).execute(args));
    }

    /** The configured command line; tests call {@code execute} on it instead of {@link #main}. */
    static CommandLine commandLine(CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new FanoutCommand(environment))
                .setExecutionExceptionHandler(new OneLineErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
        // Set here rather than in @Command: the version line says which SHA-256 the environment asks for.
        FanoutVersion version = new FanoutVersion(environment);
        commandLine.getCommandSpec().versionProvider(version);
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
        return commandLine;
    }
}
