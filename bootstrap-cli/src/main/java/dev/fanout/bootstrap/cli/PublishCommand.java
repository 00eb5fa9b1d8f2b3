package dev.fanout.bootstrap.cli;

import static dev.fanout.bootstrap.cli.CommandSpecs.option;
import static dev.fanout.bootstrap.cli.CommandSpecs.value;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code fanout publish}: bundles onto a Kafka topic over mutual TLS, as LMDP sends them. This class only
 * describes and reads the arguments; {@link PublishRun} does the work, so that a start of any other command
 * never loads a Kafka class.
 */
final class PublishCommand implements Callable<Integer> {

    private static final String[] DESCRIPTION = {
        "Puts each bundle of the inputs on a Kafka topic as one record whose value",
        "is the bundle, byte for byte: the same bytes fanout replay takes as that",
        "bundle (JSONL lines, JSON files; a recorded EventBridge Pipes event gives",
        "each record's value with its key and headers). Connects over TLS with the",
        "client certificate chain and key from PEM files (no keystore files), as",
        "LMDP does with MSK's mTLS listener (port 9094). Prints the records sent",
        "and acknowledged.",
        "",
        "A working publish proves the certificate works with Kafka, not that the",
        "pipe's secret is right: check that with fanout check-secret.",
    };
    private static final String[] FOOTER = {
        "",
        "Exit status: 0 when every record was acknowledged, 1 when the connection,",
        "the handshake, the topic or a record was refused (one line says which), 2",
        "for unusable arguments.",
    };

    private final CommandSpec spec;

    PublishCommand() {
        this.spec = CommandSpec.wrapWithoutInspection(this).name("publish");
        spec.usageMessage().header("Puts bundles on a Kafka topic over mutual TLS, as LMDP does.")
                .description(DESCRIPTION).footer(FOOTER).sortOptions(false).autoWidth(true);
        spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("1..*").required(true)
                .paramLabel("INPUT").type(List.class).auxiliaryTypes(Path.class)
                .description("Bundle files or directories, in the formats fanout replay reads.").build());
        spec.addOption(option("--bootstrap", "HOST:PORT", String.class,
                "Kafka bootstrap brokers, HOST:PORT[,HOST:PORT…] (MSK: the TLS bootstrap string).").required(true)
                .build());
        spec.addOption(option("--topic", "TOPIC", String.class, "The topic to publish to.").required(true).build());
        spec.addOption(option("--cert", "CERT.pem", Path.class,
                "The client certificate chain, PEM, leaf first.").required(true).build());
        spec.addOption(option("--key", "KEY.pem", Path.class,
                "The client's private key, PKCS#8 PEM (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY).")
                .required(true).build());
        spec.addOption(option("--key-password", "PASSWORD", String.class,
                "The password of an encrypted key.").build());
        spec.addOption(option("--ca", "CA.pem", Path.class,
                "CA certificates to trust for the brokers, PEM (default: the JVM's; MSK's brokers have public"
                        + " certificates).").build());
        spec.addOption(option("--timeout", "DURATION", Duration.class,
                "The longest any step may take: connecting, the handshake, each acknowledgement (default:"
                        + " ${DEFAULT-VALUE}).").defaultValue("30s").converters(new DurationConverter()).build());
        CommandSpecs.withStandardHelpOptions(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        PublishRun.Options options;
        try {
            options = new PublishRun.Options(spec.positionalParameters().get(0).getValue(), value(spec, "--bootstrap"),
                    value(spec, "--topic"), value(spec, "--cert"), value(spec, "--key"),
                    value(spec, "--key-password"), value(spec, "--ca"), value(spec, "--timeout"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PublishRun.Report report = new PublishRun(options).run();
        out.print(report.render());
        out.flush();
        report.error().ifPresent(error -> spec.commandLine().getErr().println("fanout: error: " + error));
        return report.error().isEmpty() ? 0 : OneLineErrors.EXIT_FAILED;
    }
}
