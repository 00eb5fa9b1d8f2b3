package dev.fanout.bootstrap.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code fanout invoke-local} in the list of commands. It runs a Lambda handler and so lives in the Lambda's
 * jar (bootstrap-lambda), which the {@code ./fanout} launcher starts for it; this jar only says so when it is
 * started with that command directly.
 */
final class InvokeLocalPointer implements Runnable {

    static final String NAME = "invoke-local";

    private final CommandSpec spec;

    InvokeLocalPointer() {
        this.spec = CommandSpecs.withStandardHelpOptions(CommandSpec.wrapWithoutInspection(this).name(NAME));
        spec.usageMessage().header("Runs a Lambda handler on a recorded event (see fanout invoke-local --help).");
        // Whatever the Lambda's command takes is accepted here, so the answer is always the pointer below.
        spec.parser().unmatchedOptionsArePositionalParams(true);
        spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").paramLabel("ARGS")
                .type(List.class).auxiliaryTypes(String.class).hidden(true).build());
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "invoke-local runs the Lambda's handlers from their own jar;"
                + " start it through the launcher: ./fanout invoke-local --handler target|enrichment|transform"
                + " --event FILE");
    }
}
