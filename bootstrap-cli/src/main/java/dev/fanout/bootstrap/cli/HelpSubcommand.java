package dev.fanout.bootstrap.cli;

import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code fanout help [COMMAND]}: the usage of a subcommand, or of {@code fanout} itself. picocli's own
 * {@code HelpCommand} does the same but is annotated, and reading its annotations is the start-up cost
 * {@link CommandSpecs} avoids.
 */
final class HelpSubcommand implements Runnable {

    private final CommandSpec spec;

    HelpSubcommand() {
        this.spec = CommandSpecs.withStandardHelpOptions(CommandSpec.wrapWithoutInspection(this).name("help"))
                .helpCommand(true);
        spec.usageMessage().description("Display help information about the specified command.");
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("COMMAND")
                .type(String.class).description("The COMMAND to display the usage help message for.").build());
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public void run() {
        CommandLine parent = Objects.requireNonNull(spec.parent(), "help needs a parent command").commandLine();
        List<String> named = spec.positionalParameters().get(0).stringValues();
        if (named.isEmpty()) {
            parent.usage(spec.commandLine().getOut());
            return;
        }
        CommandLine subcommand = parent.getSubcommands().get(named.get(0));
        if (subcommand == null) {
            throw new ParameterException(spec.commandLine(), "Unknown subcommand '" + named.get(0) + "'.");
        }
        subcommand.usage(spec.commandLine().getOut());
    }
}
