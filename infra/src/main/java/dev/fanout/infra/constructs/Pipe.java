package dev.fanout.infra.constructs;

import dev.fanout.infra.config.DeploymentConfig;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.pipes.CfnPipe;
import software.amazon.awscdk.services.pipes.CfnPipe.CloudwatchLogsLogDestinationProperty;
import software.amazon.awscdk.services.pipes.CfnPipe.MSKAccessCredentialsProperty;
import software.amazon.awscdk.services.pipes.CfnPipe.PipeLogConfigurationProperty;
import software.amazon.awscdk.services.pipes.CfnPipe.PipeSourceManagedStreamingKafkaParametersProperty;
import software.amazon.awscdk.services.pipes.CfnPipe.PipeSourceParametersProperty;
import software.amazon.awscdk.services.pipes.CfnPipe.PipeTargetLambdaFunctionParametersProperty;
import software.amazon.awscdk.services.pipes.CfnPipe.PipeTargetParametersProperty;
import software.constructs.Construct;

/**
 * The EventBridge pipe from the Kafka topic (mTLS, from the oldest record, in batches) to the fan-out function's
 * alias; with {@code simplePath}, the function's alias enriches each batch into rows and the pipe delivers them
 * to the Firehose stream. Pipes retries a failed batch whole until it succeeds, so the function answers every
 * record itself (rows or dead letters) and fails only when it could not store them.
 */
public final class Pipe extends Construct {

    /** Kafka's "earliest": a new consumer group starts from the oldest retained record, nothing is skipped. */
    public static final String STARTING_POSITION = "TRIM_HORIZON";

    private final CfnPipe pipe;
    private final LogGroup logGroup;

    public Pipe(Construct scope, String id, DeploymentConfig config, IRole role, IAlias function,
            String streamArn) {
        super(scope, id);
        Stack stack = Stack.of(this);
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // Pipes wants the log group's ARN without the ":*" that LogGroup.getLogGroupArn() ends in.
        String logGroupArn = stack.formatArn(ArnComponents.builder().service("logs").resource("log-group")
                .resourceName(logGroup.getLogGroupName()).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());

        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(PolicyStatement.Builder.create().sid("InvokeTheFanOutFunction").effect(Effect.ALLOW)
                .actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(function.getFunctionArn())).build());
        if (config.simplePath()) {
            statements.add(PolicyStatement.Builder.create().sid("DeliverRowsToFirehose").effect(Effect.ALLOW)
                    .actions(List.of("firehose:PutRecordBatch"))
                    .resources(List.of(streamArn)).build());
        }
        // The log group's ARN ends in ":*": the streams the pipe names at run time, in this group only.
        statements.add(PolicyStatement.Builder.create().sid("WritePipeLog").effect(Effect.ALLOW)
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn())).build());
        Policy policy = Policy.Builder.create(this, "TargetPolicy").statements(statements)
                .roles(List.of(role)).build();

        CfnPipe.Builder builder = CfnPipe.Builder.create(this, "Pipe")
                .description("Fanout: " + config.topic() + " to Row Event v1 rows")
                .roleArn(role.getRoleArn())
                .source(config.mskCluster().arn())
                .sourceParameters(PipeSourceParametersProperty.builder()
                        .managedStreamingKafkaParameters(PipeSourceManagedStreamingKafkaParametersProperty.builder()
                                .topicName(config.topic())
                                .startingPosition(STARTING_POSITION)
                                .batchSize(config.batchSize())
                                .maximumBatchingWindowInSeconds(config.batchWindowSeconds())
                                .consumerGroupId(config.consumerGroupId())
                                .credentials(MSKAccessCredentialsProperty.builder()
                                        .clientCertificateTlsAuth(config.mtlsSecretArn()).build())
                                .build())
                        .build())
                .logConfiguration(PipeLogConfigurationProperty.builder()
                        .level("ERROR")
                        .cloudwatchLogsLogDestination(CloudwatchLogsLogDestinationProperty.builder()
                                .logGroupArn(logGroupArn).build())
                        .build())
                .desiredState("RUNNING");
        if (config.simplePath()) {
            builder.enrichment(function.getFunctionArn()).target(streamArn);
        } else {
            builder.target(function.getFunctionArn())
                    .targetParameters(PipeTargetParametersProperty.builder()
                            .lambdaFunctionParameters(PipeTargetLambdaFunctionParametersProperty.builder()
                                    .invocationType("REQUEST_RESPONSE").build())
                            .build());
        }
        pipe = builder.build();
        // The pipe checks its role's permissions when it starts.
        pipe.getNode().addDependency(policy);
    }

    public CfnPipe pipe() {
        return pipe;
    }

    /** The pipe's name (CloudFormation names it), the dimension of its metrics. */
    public String pipeName() {
        return pipe.getRef();
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
