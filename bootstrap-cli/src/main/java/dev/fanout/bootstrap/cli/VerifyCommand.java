package dev.fanout.bootstrap.cli;

import static dev.fanout.bootstrap.cli.CommandSpecs.option;
import static dev.fanout.bootstrap.cli.CommandSpecs.value;

import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.s3.S3StoredObjects;
import dev.fanout.adapters.local.file.FileStoredObjects;
import dev.fanout.domain.verify.Problem;
import dev.fanout.domain.verify.TreeVerifier;
import dev.fanout.domain.verify.VerifyReport;
import dev.fanout.ports.StoredObjects;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code fanout verify}: does a stored tree (local or S3) hold exactly what the layout promises? */
final class VerifyCommand implements Callable<Integer> {

    private static final int LISTED_PROBLEMS = 20;
    private static final String[] DESCRIPTION = {
        "Checks an output tree, local (fanout replay --out DIR) or in S3 (the",
        "deployment's bucket): every object under rows/ sits in a valid",
        "orgid=/metric=/dt=/hour= folder, is complete gzip, and every line is a",
        "Row Event v1 row whose orgId, metric and time name that folder; every",
        "object under dead-letters/ sits in a known reason's folder and holds valid",
        "dead letters of that reason (a bundle's payload hashes to its bundleId);",
        "firehose-errors/ is empty. Prints rows per partition and dead letters per",
        "reason, then the first problems with their paths.",
    };
    private static final String[] FOOTER = {
        "",
        "Exit status: 0 consistent, 1 problems found (or the tree cannot be read),",
        "2 for unusable arguments.",
    };

    private final CliEnvironment environment;
    private final CommandSpec spec;

    VerifyCommand(CliEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.spec = CommandSpec.wrapWithoutInspection(this).name("verify");
        spec.usageMessage().header("Checks a tree of rows and dead letters against the layout.")
                .description(DESCRIPTION).footer(FOOTER).sortOptions(false).autoWidth(true);
        spec.addOption(option("--dir", "DIR", Path.class, "A local tree: the --out DIR of a replay.").build());
        spec.addOption(option("--bucket", "BUCKET", String.class,
                "A tree in S3 (needs s3:ListBucket and s3:GetObject).").build());
        spec.addOption(option("--prefix", "PREFIX", String.class,
                "With --bucket: the folder above rows/ and dead-letters/ (default: the bucket's root).").build());
        AwsArgs.addTo(spec, "bucket (with --bucket)");
        CommandSpecs.withStandardHelpOptions(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        Path dir = value(spec, "--dir");
        String bucket = value(spec, "--bucket");
        if ((dir == null) == (bucket == null)) {
            throw new ParameterException(spec.commandLine(), "name the tree: --dir DIR or --bucket BUCKET (one of"
                    + " them)");
        }
        if (dir != null && (value(spec, "--prefix") != null || value(spec, "--region") != null)) {
            throw new ParameterException(spec.commandLine(), "--prefix and --region are for --bucket, not --dir");
        }
        VerifyReport report;
        try (StoredObjects tree = dir != null ? new FileStoredObjects(dir) : s3(bucket)) {
            report = new TreeVerifier(LISTED_PROBLEMS, NativeSha256.digests(environment.nativeLibraries()))
                    .verify(tree);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(report));
        out.flush();
        return report.consistent() ? 0 : OneLineErrors.EXIT_FAILED;
    }

    private StoredObjects s3(String bucket) {
        String prefix = value(spec, "--prefix");
        AwsClients.Settings settings = AwsArgs.settings(spec, environment, "--bucket");
        return new S3StoredObjects(AwsClients.s3(settings), bucket, prefix == null ? "" : prefix);
    }

    static String render(VerifyReport report) {
        StringBuilder text = new StringBuilder();
        line(text, "rows        %,d in %,d objects, %,d partitions", report.rows(), report.rowObjects(),
                report.rowsByPartition().size());
        for (Map.Entry<String, Long> partition : report.rowsByPartition().entrySet()) {
            line(text, "  %,10d  rows/%s/", partition.getValue(), partition.getKey());
        }
        line(text, "dead        %,d dead letters in %,d objects", report.deadLetters(), report.deadLetterObjects());
        for (Map.Entry<String, Long> reason : report.lettersByReason().entrySet()) {
            line(text, "  %,10d  %s", reason.getValue(), reason.getKey());
        }
        if (report.otherObjects() > 0) {
            line(text, "other       %,d objects outside rows/, dead-letters/ and firehose-errors/ (not checked)",
                    report.otherObjects());
        }
        if (report.consistent()) {
            line(text, "consistent");
        } else {
            line(text, "PROBLEMS    %,d%s", report.problemCount(), report.problemCount() > report.problems().size()
                    ? ", the first " + report.problems().size() + ":" : ":");
            for (Problem problem : report.problems()) {
                line(text, "  %s", problem.describe());
            }
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
