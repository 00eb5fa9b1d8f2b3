package dev.fanout.infra.constructs;

import dev.fanout.infra.config.DeploymentConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import dev.fanout.infra.constructs.Suppressions.Wildcard;
import software.constructs.Construct;

/**
 * The Lambda function that fans bundles out into rows: {@code PipeTargetHandler} (the pipe's target), or with
 * {@code simplePath} {@code PipeEnrichmentHandler} (the pipe's enrichment, whose rows the pipe hands to
 * Firehose). SnapStart restores it from a snapshot of a published version; the pipe invokes the {@code live}
 * alias, which always points at the version this deployment published.
 */
public final class Transform extends Construct {

    public static final String TARGET_HANDLER = "dev.fanout.bootstrap.lambda.PipeTargetHandler::handleRequest";
    public static final String ENRICHMENT_HANDLER = "dev.fanout.bootstrap.lambda.PipeEnrichmentHandler::handleRequest";
    /** The namespace of the Lambda's metrics; its IAM permission is limited to it. */
    public static final String METRICS_NAMESPACE = "Fanout";
    public static final String ALIAS_NAME = "live";

    private final Function function;
    private final Alias alias;
    private final LogGroup logGroup;

    public Transform(Construct scope, String id, DeploymentConfig config, IBucket bucket, IKey key,
            String streamName, String streamArn) {
        super(scope, id);
        Stack stack = Stack.of(this);
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Fanout: what the fan-out function may do, and nothing more")
                .build();
        Policy policy = Policy.Builder.create(this, "Policy").statements(List.of(
                PolicyStatement.Builder.create().sid("WriteRows").effect(Effect.ALLOW)
                        .actions(List.of("firehose:PutRecordBatch"))
                        .resources(List.of(streamArn)).build(),
                PolicyStatement.Builder.create().sid("WriteDeadLetters").effect(Effect.ALLOW)
                        .actions(List.of("s3:PutObject"))
                        .resources(List.of(bucket.arnForObjects(StorageLayout.DEAD_LETTERS + "*"))).build(),
                PolicyStatement.Builder.create().sid("EncryptDeadLettersThroughS3").effect(Effect.ALLOW)
                        .actions(List.of("kms:GenerateDataKey"))
                        .resources(List.of(key.getKeyArn()))
                        .conditions(Map.of("StringEquals",
                                Map.of("kms:ViaService", "s3." + stack.getRegion() + ".amazonaws.com")))
                        .build(),
                PolicyStatement.Builder.create().sid("PublishFanoutMetrics").effect(Effect.ALLOW)
                        .actions(List.of("cloudwatch:PutMetricData"))
                        .resources(List.of("*"))
                        .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", METRICS_NAMESPACE)))
                        .build(),
                // The log group's ARN ends in ":*" (its streams, one per execution environment, named at run time).
                PolicyStatement.Builder.create().sid("WriteOwnLog").effect(Effect.ALLOW)
                        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                        .resources(List.of(logGroup.getLogGroupArn())).build()))
                .roles(List.of(role))
                .build();
        Suppressions.allowWildcards(policy,
                Wildcard.resourceEndingWith("/" + StorageLayout.DEAD_LETTERS + "*", "dead letters are named by"
                        + " their reason and content (dead-letters/reason=<reason>/<name>.jsonl.gz), so the function"
                        + " may put any object below dead-letters/ of the data bucket, and read or write nothing else."),
                Wildcard.anyResource("cloudwatch:PutMetricData has no resource-level permissions; the statement is"
                        + " limited to the Fanout namespace by its cloudwatch:namespace condition."));

        function = Function.Builder.create(this, "Function")
                .description("Fanout: Kafka records from EventBridge Pipes to Row Event v1 rows (Firehose) and"
                        + " dead letters (S3)")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.X86_64)
                .handler(config.simplePath() ? ENRICHMENT_HANDLER : TARGET_HANDLER)
                .code(Code.fromAsset(config.lambda().jar().toString()))
                .memorySize(config.lambda().memoryMb())
                .timeout(Duration.seconds(config.lambda().timeoutSeconds()))
                .reservedConcurrentExecutions(config.lambda().reservedConcurrency().isPresent()
                        ? config.lambda().reservedConcurrency().getAsInt() : null)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .logGroup(logGroup)
                .role(role)
                .environment(environment(config, bucket.getBucketName(), streamName))
                .build();
        function.getNode().addDependency(policy);
        Suppressions.suppress(function, "AwsSolutions-L1", "The Lambda artifact is built for and tested on the"
                + " java21 managed runtime (--release 21, SnapStart with the runtime's default tiered"
                + " compilation); java21 is supported until 2029. Moving to java25 is a tested change of its own.");
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the live alias below publishes the current version on every change, and the pipe invokes the alias");
        alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .description("The version the pipe invokes (SnapStart needs a published version)")
                .build();
    }

    /** The Lambda issue's environment (CONTRACTS: FANOUT_*): no prefix, so dead letters land in dead-letters/. */
    static Map<String, String> environment(DeploymentConfig config, String bucketName, String streamName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FANOUT_ROWS_STREAM", streamName);
        env.put("FANOUT_DEAD_LETTER_BUCKET", bucketName);
        env.put("FANOUT_PROFILE", config.profile());
        config.orgId().ifPresent(orgId -> env.put("FANOUT_ORG_ID", orgId));
        config.orgKey().ifPresent(orgKey -> env.put("FANOUT_ORG_KEY", orgKey));
        env.put("FANOUT_METRICS", "cloudwatch");
        env.put("FANOUT_METRICS_NAMESPACE", METRICS_NAMESPACE);
        config.lambda().jit().javaToolOptions().ifPresent(options -> env.put("JAVA_TOOL_OPTIONS", options));
        return env;
    }

    public Function function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
