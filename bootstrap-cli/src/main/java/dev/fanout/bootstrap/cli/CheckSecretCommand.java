package dev.fanout.bootstrap.cli;

import static dev.fanout.bootstrap.cli.CommandSpecs.option;
import static dev.fanout.bootstrap.cli.CommandSpecs.value;

import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.secrets.SecretsManagerSecretStore;
import dev.fanout.domain.secret.Finding;
import dev.fanout.domain.secret.MtlsSecretCheck;
import dev.fanout.domain.secret.SecretReport;
import dev.fanout.ports.PortException;
import dev.fanout.ports.SecretStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code fanout check-secret}: is this the mTLS secret an EventBridge Pipe can authenticate to MSK with? */
final class CheckSecretCommand implements Callable<Integer> {

    private static final String[] DESCRIPTION = {
        "Validates an EventBridge Pipes mTLS secret (Credentials.ClientCertificateTlsAuth)",
        "before a deployment fails on it: the JSON keys certificate, privateKey and",
        "privateKeyPassword; the PEM chain (leaf first, each certificate issued by the",
        "next, none expired; a warning within 30 days); the private key (PKCS#8,",
        "unencrypted or PBES1-encrypted with the right password - Pipes refuses PBES2,",
        "openssl's default - and the leaf's); the size (at most 65,536 bytes).",
        "One line per finding, starting ERROR or WARNING.",
    };
    private static final String[] FOOTER = {
        "",
        "Exit status: 0 valid (warnings allowed), 1 invalid or unreadable, 2 for",
        "unusable arguments.",
    };

    private final CliEnvironment environment;
    private final CommandSpec spec;

    CheckSecretCommand(CliEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.spec = CommandSpec.wrapWithoutInspection(this).name("check-secret");
        spec.usageMessage().header("Checks the mTLS secret an EventBridge Pipe authenticates with.")
                .description(DESCRIPTION).footer(FOOTER).sortOptions(false).autoWidth(true);
        spec.addOption(option("--file", "SECRET.json", Path.class,
                "The secret's JSON value in a file (what Secrets Manager would hold).").build());
        spec.addOption(option("--secret-id", "ARN", String.class,
                "The secret in AWS Secrets Manager, by ARN or name (needs secretsmanager:GetSecretValue).").build());
        AwsArgs.addTo(spec, "secret (with --secret-id)");
        CommandSpecs.withStandardHelpOptions(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        Path file = value(spec, "--file");
        String secretId = value(spec, "--secret-id");
        if ((file == null) == (secretId == null)) {
            throw new ParameterException(spec.commandLine(), "name the secret: --file SECRET.json or --secret-id ARN"
                    + " (one of them)");
        }
        if (file != null && (value(spec, "--region") != null || value(spec, "--endpoint-url") != null)) {
            throw new ParameterException(spec.commandLine(), "--region is for --secret-id, not --file");
        }
        byte[] secret = file != null ? read(file) : fetch(secretId, AwsArgs.settings(spec, environment, "--secret-id"));
        SecretReport report = new MtlsSecretCheck(InstantSource.system()).check(secret);
        PrintWriter out = spec.commandLine().getOut();
        for (Finding finding : report.findings()) {
            out.println(finding.line());
        }
        String what = file != null ? file.toString() : secretId;
        if (report.valid()) {
            out.println("valid: " + what + (report.summary().isEmpty() ? "" : ": " + report.summary()));
        } else {
            long errors = report.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
            out.println("invalid: " + what + ": " + errors + (errors == 1 ? " error" : " errors"));
        }
        out.flush();
        return report.valid() ? 0 : OneLineErrors.EXIT_FAILED;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new PortException("cannot read " + file + ": " + why, e);
        }
    }

    private static byte[] fetch(String secretId, AwsClients.Settings settings) {
        try (SecretStore store = new SecretsManagerSecretStore(AwsClients.secretsManager(settings))) {
            return store.read(secretId).bytes();
        } finally {
            if (settings.credentials() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // Releasing a refresh thread; the answer is already in hand.
                }
            }
        }
    }
}
