package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.local.file.FileRowSink;
import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code fanout} command: entry point of the command line. The commands are built with picocli's
 * programmatic API rather than annotations ({@link CommandSpecs} says why).
 */
public final class FanoutCommand implements Runnable {

    private final CommandSpec spec;

    private FanoutCommand() {
        this.spec = CommandSpecs.withStandardHelpOptions(CommandSpec.wrapWithoutInspection(this).name("fanout"));
        // Wide enough that every command's one-line header stays one line.
        spec.usageMessage().width(100).description(
                "Fans OpenTelemetry metric bundles out into Row Event v1 rows, in the S3 layout.");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. 'fanout replay --help'");
    }

    public static void main(String[] args) {
        // Loading the libcrypto provider and binding its functions and libdeflate's take tens of milliseconds:
        // a second thread does them while the arguments are parsed and the first bundles read. Only the first
        // digest of each worker waits for the provider (NativeSha256.load is synchronized); a digest before the
        // binding waits for it.
        CliEnvironment environment = CliEnvironment.fromProcess();
        Thread.ofPlatform().name("fanout-native").daemon().start(() -> {
            NativeSha256.load(environment.nativeLibraries());
            if (environment.nativeLibraries()) {
                NativeSha256.bindEarly();
                FileRowSink.preloadCompression();
            }
        });
        // Class initialisations that would otherwise stall a worker or the end of the run, done here beside the
        // start-up: Jackson's parser classes hold BigDecimal constants, and BigDecimal's class initialiser
        // computes 5^(2^16) (JDK 25), ~14 ms of interpreted arithmetic the first worker did while the other
        // waited for the class; the summary's number formats load the locale data (~3 ms) after the replay.
        // Dagger's generated factories implement javax.inject.Provider, whose jar holds Java 5 class files: the
        // JVM verifies those with its old verifier, a library it loads for them alone (~7 ms), which the main
        // thread did when it built the component.
        Thread.ofPlatform().name("fanout-warm-up").daemon().start(() -> {
            linkEarly(FanoutCommand.class.getClassLoader(), "javax.inject.Provider");
            BigDecimal.ONE.signum();
            DecimalFormatSymbols.getInstance(Locale.ROOT);
        });
        System.exit(commandLine(environment).execute(args));
    }

    private static void linkEarly(ClassLoader loader, String className) {
        try {
            Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // Only a head start: whoever needs the class later loads it, or reports it missing, as before.
        }
    }

    /**
     * The configured command line; tests call {@code execute} on it instead of {@link #main}. Subcommands take
     * what the process's environment says from {@code environment}, never from the process.
     */
    static CommandLine commandLine(CliEnvironment environment) {
        Objects.requireNonNull(environment, "environment");
        CommandLine commandLine = new CommandLine(new FanoutCommand().spec)
                .addSubcommand("replay", new CommandLine(new ReplayCommand(environment).spec()))
                .addSubcommand("publish", new CommandLine(new PublishCommand().spec()))
                .addSubcommand("redrive", new CommandLine(new ReplayCommand(environment, InputKind.DEAD_LETTERS).spec()))
                .addSubcommand("verify", new CommandLine(new VerifyCommand(environment).spec()))
                .addSubcommand("check-secret", new CommandLine(new CheckSecretCommand(environment).spec()))
                .addSubcommand(InvokeLocalPointer.NAME, new CommandLine(new InvokeLocalPointer().spec()))
                .addSubcommand("help", new CommandLine(new HelpSubcommand().spec()))
                .setExecutionExceptionHandler(new OneLineErrors())
                .setParameterExceptionHandler(new UsageErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
        // The version line says which SHA-256 the environment asks for.
        FanoutVersion version = new FanoutVersion(environment);
        commandLine.getCommandSpec().versionProvider(version);
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
        return commandLine;
    }
}
