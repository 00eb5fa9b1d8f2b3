package dev.fanout.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The app synthesized once per variant and shared by every test class: starting jsii and synthesizing take
 * seconds, asserting on the result milliseconds. Output goes under {@code target/}, so a test run leaves
 * nothing outside the build folder.
 */
final class SynthesizedApp {

    static final String CLUSTER_ARN = "arn:aws:kafka:eu-west-1:123456789012:cluster/demo/6357e0b2-0e6a-4b86-a0b4-70df934c2e31-5";
    static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_fanout-AbCdEf";
    static final String SECURITY_GROUP = "sg-0123456789abcdef0";
    static final String ALARM_EMAIL = "oncall@example.com";
    static final int TIMEOUT_SECONDS = 90;
    static final int RETENTION_DAYS = 400;

    final FanoutApp.Deployment deployment;
    final Path outdir;
    final CloudAssembly assembly;
    private final Map<String, Template> templates = new LinkedHashMap<>();

    private SynthesizedApp(String name, Map<String, Object> extraContext) {
        outdir = Path.of("target", "synth", name).toAbsolutePath();
        deleteRecursively(outdir);
        Map<String, Object> context = new LinkedHashMap<>(requiredContext());
        context.put("lambdaJar", standInJar().toString());
        context.putAll(extraContext);
        deployment = FanoutApp.create(context, outdir.toString());
        assembly = deployment.app().synth();
    }

    /** The app as most deployments look: full path (pipe → function → Firehose), every option given. */
    static SynthesizedApp standard() {
        return Standard.APP;
    }

    /** The simple path: the function enriches, the pipe delivers to Firehose; no options beyond the required. */
    static SynthesizedApp simplePath() {
        return SimplePath.APP;
    }

    /** The three required keys, valid. */
    static Map<String, Object> requiredContext() {
        return Map.of("mskClusterArn", CLUSTER_ARN, "topic", "lmdp", "mtlsSecretArn", SECRET_ARN);
    }

    Template template(Stack stack) {
        return templates.computeIfAbsent(stack.getStackName(),
                name -> Template.fromJSON(templateJson(stack)));
    }

    /** The synthesized template as plain maps and lists. */
    @SuppressWarnings("unchecked")
    Map<String, Object> templateJson(Stack stack) {
        return (Map<String, Object>) artifact(stack).getTemplate();
    }

    CloudFormationStackArtifact artifact(Stack stack) {
        return assembly.getStackByName(stack.getStackName());
    }

    List<Stack> stacks() {
        return List.of(deployment.storage(), deployment.catalog(), deployment.pipeline());
    }

    /**
     * Code.fromAsset needs a file; the real jar is built by the Lambda module's package phase, which the infra
     * tests must not wait for. Synthesis copies the file into the cloud assembly and never looks inside.
     */
    static Path standInJar() {
        Path jar = Path.of("target", "synth", "stand-in-fanout-lambda.jar").toAbsolutePath();
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
                zip.putNextEntry(new ZipEntry("README.txt"));
                zip.write("stand-in for bootstrap-lambda/target/fanout-lambda.jar".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Standard {
        static final SynthesizedApp APP = new SynthesizedApp("standard", Map.ofEntries(
                Map.entry("consumerGroupId", "fanout-lmdp-prod"),
                Map.entry("batchSize", "500"),
                Map.entry("batchWindowSeconds", "20"),
                Map.entry("orgKey", "tenant"),
                Map.entry("lambdaMemoryMb", "2048"),
                Map.entry("lambdaTimeoutSeconds", String.valueOf(TIMEOUT_SECONDS)),
                Map.entry("lambdaReservedConcurrency", "20"),
                Map.entry("alarmEmail", ALARM_EMAIL),
                Map.entry("monthlyBudgetUsd", "150"),
                Map.entry("retentionDays", String.valueOf(RETENTION_DAYS)),
                Map.entry("clusterSecurityGroupId", SECURITY_GROUP)));
    }

    private static final class SimplePath {
        static final SynthesizedApp APP = new SynthesizedApp("simple-path", Map.of("simplePath", "true"));
    }
}
