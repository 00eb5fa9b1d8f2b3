package dev.fanout.infra.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a deployment can be told through CDK context ({@code -c key=value} or cdk.json), validated before
 * any construct is built: {@link #fromContext} refuses a bad or missing value with a message naming its key.
 * Plain Java (no CDK type), so its rules are tested without starting jsii.
 *
 * @param mskCluster                the MSK cluster the pipe reads ({@code mskClusterArn}); its region and account
 *                                  are where every stack goes
 * @param topic                     the Kafka topic ({@code topic})
 * @param mtlsSecretArn             the Secrets Manager secret with the client certificate and key for mTLS
 *                                  ({@code mtlsSecretArn}); an ARN, never the material itself
 * @param consumerGroupId           the pipe's Kafka consumer group ({@code consumerGroupId}, default
 *                                  {@code fanout-<topic>}); changing it replaces the pipe
 * @param batchSize                 records per pipe batch ({@code batchSize}, 1–10000, default 100)
 * @param batchWindowSeconds        how long the pipe gathers a batch ({@code batchWindowSeconds}, 0–300, default 10)
 * @param orgId                     the constant org id ({@code orgId}, {@code FANOUT_ORG_ID})
 * @param orgKey                    the attribute that names the org ({@code orgKey}, {@code FANOUT_ORG_KEY})
 * @param profile                   {@code lmdp} or {@code otel} ({@code profile}, default lmdp)
 * @param simplePath                true: the pipe enriches with {@code PipeEnrichmentHandler} and delivers the rows to
 *                                  Firehose itself ({@code simplePath}, default false)
 * @param lambda                    the function's memory, timeout, reserved concurrency, jar and JIT
 * @param delivery                  Firehose buffering ({@code bufferSizeMb} 64–128, default 128;
 *                                  {@code bufferIntervalSeconds} 60–900, default 300)
 * @param alarmEmail                who the alarms e-mail ({@code alarmEmail}); none: subscribe to the topic yourself
 * @param monthlyBudgetUsd          a monthly AWS Budget in USD ({@code monthlyBudgetUsd}; needs {@code alarmEmail})
 * @param retentionDays             how long rows and dead letters are kept ({@code retentionDays}, default 365)
 * @param clusterSecurityGroupId    the MSK cluster's security group, to open it for the pipe
 *                                  ({@code clusterSecurityGroupId}; absent: it is left as it is)
 * @param metricNames               the metric names Athena enumerates ({@code metricNames}, comma-separated);
 *                                  empty: queries must name the metric (injected projection)
 * @param stackPrefix               the stacks' name prefix ({@code stackPrefix}, default {@code Fanout})
 */
public record DeploymentConfig(MskCluster mskCluster, String topic, String mtlsSecretArn, String consumerGroupId,
        int batchSize, int batchWindowSeconds, Optional<String> orgId, Optional<String> orgKey, String profile,
        boolean simplePath, LambdaSettings lambda, DeliverySettings delivery, Optional<String> alarmEmail,
        Optional<Double> monthlyBudgetUsd, int retentionDays, Optional<String> clusterSecurityGroupId,
        List<String> metricNames, String stackPrefix) {

    /** Every context key the app reads. */
    public static final List<String> KEYS = List.of("mskClusterArn", "topic", "mtlsSecretArn", "consumerGroupId",
            "batchSize", "batchWindowSeconds", "orgKey", "orgId", "profile", "simplePath", "lambdaMemoryMb",
            "lambdaTimeoutSeconds", "lambdaReservedConcurrency", "lambdaJar", "lambdaJit", "bufferSizeMb",
            "bufferIntervalSeconds", "alarmEmail", "monthlyBudgetUsd", "retentionDays", "clusterSecurityGroupId", "metricNames", "stackPrefix");

    /** Where {@code cdk synth} run from {@code infra/} finds the jar that the root build's package phase writes. */
    public static final String DEFAULT_LAMBDA_JAR = "../bootstrap-lambda/target/fanout-lambda.jar";

    private static final Pattern MSK_CLUSTER_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):kafka:([a-z]{2}(?:-[a-z]+)+-\\d):(\\d{12}):cluster/([A-Za-z0-9-]{1,64})/([A-Za-z0-9-]+)");
    private static final Pattern SECRET_ARN = Pattern.compile(
            "arn:aws[a-z-]*:secretsmanager:[a-z]{2}(?:-[a-z]+)+-\\d:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,248}");
    private static final Pattern CONSUMER_GROUP = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");
    private static final Pattern PROFILE = Pattern.compile("lmdp|otel");
    private static final Pattern JIT = Pattern.compile("c2|c1");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8}(?:[0-9a-f]{9})?");
    private static final Pattern METRIC_NAMES = Pattern.compile("[A-Za-z0-9._%~-]+(?:,[A-Za-z0-9._%~-]+)*");
    private static final Pattern STACK_PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,39}");
    private static final Pattern SECRET_MATERIAL = Pattern.compile("(?s).*(BEGIN|PRIVATE|\\{|\\}).*");

    public DeploymentConfig {
        Objects.requireNonNull(mskCluster, "mskCluster");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(mtlsSecretArn, "mtlsSecretArn");
        Objects.requireNonNull(consumerGroupId, "consumerGroupId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(orgKey, "orgKey");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(lambda, "lambda");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(alarmEmail, "alarmEmail");
        Objects.requireNonNull(monthlyBudgetUsd, "monthlyBudgetUsd");
        Objects.requireNonNull(clusterSecurityGroupId, "clusterSecurityGroupId");
        Objects.requireNonNull(stackPrefix, "stackPrefix");
        metricNames = List.copyOf(metricNames);
        if (monthlyBudgetUsd.isPresent() && alarmEmail.isEmpty()) {
            throw new InvalidContextException("monthlyBudgetUsd", "needs alarmEmail too: the budget warns by e-mail");
        }
    }

    /** The configuration {@code context} describes; throws {@link InvalidContextException} naming the bad key. */
    public static DeploymentConfig fromContext(Map<String, ?> context) {
        ContextValues values = new ContextValues(context);
        String clusterArn = values.required("mskClusterArn", "the MSK cluster's ARN");
        MskCluster cluster = MskCluster.parse(clusterArn);
        String topic = values.required("topic", "the Kafka topic LogicMonitor Data Publisher writes to");
        String secretArn = secretArn(values);
        if (!TOPIC.matcher(topic).matches()) {
            throw new InvalidContextException("topic",
                    "must be a Kafka topic name (letters, digits, '.', '_', '-'; 1–249 characters), got '" + topic + "'");
        }
        String consumerGroup = values.matching("consumerGroupId", CONSUMER_GROUP,
                        "a consumer group id (letters, digits, '.', '_', '-'; 1–200 characters, not starting with '.')", true)
                .orElse(defaultConsumerGroup(topic));
        LambdaSettings lambda = new LambdaSettings(
                values.integer("lambdaMemoryMb", 128, 10240).orElse(1024),
                values.integer("lambdaTimeoutSeconds", 10, 900).orElse(120),
                values.integer("lambdaReservedConcurrency", 1, 1000).map(OptionalInt::of).orElse(OptionalInt.empty()),
                lambdaJar(values),
                values.matching("lambdaJit", JIT, "c2 or c1", true).map(jit -> Jit.valueOf(jit.toUpperCase(Locale.ROOT))).orElse(Jit.C2));
        DeliverySettings delivery = new DeliverySettings(
                values.integer("bufferSizeMb", 64, 128).orElse(128),
                values.integer("bufferIntervalSeconds", 60, 900).orElse(300));
        return new DeploymentConfig(cluster, topic, secretArn, consumerGroup,
                values.integer("batchSize", 1, 10_000).orElse(100),
                values.integer("batchWindowSeconds", 0, 300).orElse(10),
                values.text("orgId"), values.text("orgKey"),
                values.matching("profile", PROFILE, "lmdp or otel", true).orElse("lmdp"),
                values.flag("simplePath"), lambda, delivery,
                values.matching("alarmEmail", EMAIL, "an e-mail address", true),
                values.positiveNumber("monthlyBudgetUsd", 1_000_000),
                values.integer("retentionDays", 1, 36_500).orElse(365),
                values.matching("clusterSecurityGroupId", SECURITY_GROUP, "a security group id (sg-…)", true),
                values.matching("metricNames", METRIC_NAMES,
                                "a comma-separated list of metric folder names (as in rows/…/metric=<name>/)", true)
                        .map(names -> Arrays.asList(names.split(","))).orElse(List.of()),
                values.matching("stackPrefix", STACK_PREFIX,
                        "a stack name prefix (a letter, then letters, digits or '-'; at most 40)", true).orElse("Fanout"));
    }

    /** The Glue database's name: the stack prefix in the lower case and underscores Glue and Athena prefer. */
    public String databaseName() {
        return stackPrefix.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private static String secretArn(ContextValues values) {
        String arn = values.required("mtlsSecretArn", "the ARN of the Secrets Manager secret that holds the client"
                + " certificate and key");
        if (SECRET_MATERIAL.matcher(arn).matches()) {
            // Never echoed: whatever this is, it is not meant for a build log.
            throw new InvalidContextException("mtlsSecretArn", "must be the secret's ARN, never the certificate or"
                    + " key themselves (the value was not printed); store them in Secrets Manager and pass its ARN");
        }
        if (!SECRET_ARN.matcher(arn).matches()) {
            throw new InvalidContextException("mtlsSecretArn", "must be a Secrets Manager secret's full ARN"
                    + " (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>), got '" + arn + "'");
        }
        return arn;
    }

    private static Path lambdaJar(ContextValues values) {
        Path jar = Path.of(values.text("lambdaJar").orElse(DEFAULT_LAMBDA_JAR)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new InvalidContextException("lambdaJar", "no Lambda jar at " + jar + "; build it first with"
                    + " 'bin/with-jdk ./mvnw -B -ntp -DskipTests package' at the repository root, or pass"
                    + " -c lambdaJar=PATH");
        }
        return jar;
    }

    private static String defaultConsumerGroup(String topic) {
        String group = "fanout-" + topic;
        return group.length() <= 200 ? group : group.substring(0, 200);
    }

    /**
     * The MSK cluster, from its ARN: the partition, region and account every stack is deployed to.
     *
     * @param arn       the cluster's ARN
     * @param partition {@code aws}, {@code aws-cn}, …
     * @param region    the cluster's region
     * @param account   the cluster's account
     * @param name      the cluster's name
     */
    public record MskCluster(String arn, String partition, String region, String account, String name) {

        public MskCluster {
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(name, "name");
        }

        static MskCluster parse(String arn) {
            Matcher m = MSK_CLUSTER_ARN.matcher(arn);
            if (!m.matches()) {
                throw new InvalidContextException("mskClusterArn", "must be an MSK cluster ARN"
                        + " (arn:aws:kafka:<region>:<account>:cluster/<name>/<id>), got '" + arn + "'");
            }
            return new MskCluster(arn, m.group(1), m.group(2), m.group(3), m.group(4));
        }
    }

    /**
     * The Lambda function's sizing and artifact.
     *
     * @param memoryMb            {@code lambdaMemoryMb}, 128–10240, default 1024
     * @param timeoutSeconds      {@code lambdaTimeoutSeconds}, 10–900, default 120
     * @param reservedConcurrency {@code lambdaReservedConcurrency}, absent: unreserved
     * @param jar                 {@code lambdaJar}: the shaded jar; must exist at synth
     * @param jit                 {@code lambdaJit}: which just-in-time compilers the function's JVM may use
     */
    public record LambdaSettings(int memoryMb, int timeoutSeconds, OptionalInt reservedConcurrency, Path jar,
                                 Jit jit) {

        public LambdaSettings {
            Objects.requireNonNull(reservedConcurrency, "reservedConcurrency");
            Objects.requireNonNull(jar, "jar");
            Objects.requireNonNull(jit, "jit");
        }
    }

    /**
     * The function JVM's just-in-time compilation. The java21 runtime stops tiered compilation at level 1 (C1 only)
     * unless the function sets {@code JAVA_TOOL_OPTIONS}; AWS advises level 4 for compute-heavy functions. Fanning
     * out a 6 MB batch is one: 3× faster with C2 (docs/performance.md), and SHA-256 of the bundles, which row ids
     * need, has a hardware intrinsic only in C2.
     */
    public enum Jit {
        /** Full tiered compilation: {@code JAVA_TOOL_OPTIONS=-XX:+TieredCompilation -XX:TieredStopAtLevel=4}. */
        C2("-XX:+TieredCompilation -XX:TieredStopAtLevel=4"),
        /** The runtime's default (C1 only): no {@code JAVA_TOOL_OPTIONS}. */
        C1(null);

        private final String javaToolOptions;

        Jit(String javaToolOptions) {
            this.javaToolOptions = javaToolOptions;
        }

        /** The {@code JAVA_TOOL_OPTIONS} value the function gets, if any. */
        public Optional<String> javaToolOptions() {
            return Optional.ofNullable(javaToolOptions);
        }
    }

    /**
     * Firehose buffering: dynamic partitioning needs at least 64 MiB; the interval bounds how late rows land.
     *
     * @param sizeMb          {@code bufferSizeMb}
     * @param intervalSeconds {@code bufferIntervalSeconds}
     */
    public record DeliverySettings(int sizeMb, int intervalSeconds) {

        public DeliverySettings {
            if (sizeMb < 64 || sizeMb > 128) {
                throw new InvalidContextException("bufferSizeMb", "must be from 64 to 128, got " + sizeMb);
            }
            if (intervalSeconds < 60 || intervalSeconds > 900) {
                throw new InvalidContextException("bufferIntervalSeconds", "must be from 60 to 900, got "
                        + intervalSeconds);
            }
        }
    }
}
