package dev.fanout.infra.constructs;

import dev.fanout.infra.config.DeploymentConfig.DeliverySettings;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.BufferingHintsProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.CloudWatchLoggingOptionsProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.DynamicPartitioningConfigurationProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.EncryptionConfigurationProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.KMSEncryptionConfigProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessingConfigurationProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessorParameterProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.ProcessorProperty;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream.RetryOptionsProperty;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import dev.fanout.infra.constructs.Suppressions.Wildcard;
import software.constructs.Construct;

/**
 * The Firehose stream (Direct PUT) that writes rows into {@code rows/orgid=…/metric=…/dt=…/hour=…/} with dynamic
 * partitioning: records of many newline-separated rows are split (RecordDeAggregation, JSON), each row's folder
 * is read with the spec's JQ (MetadataExtraction, JQ-1.6), and a newline is put back after each row
 * (AppendDelimiterToRecord), so every object is gzip JSONL exactly like the local file sink's.
 */
public final class Delivery extends Construct {

    /** How long Firehose retries a partitioned delivery to S3 before it goes to the error prefix. */
    static final int RETRY_SECONDS = 300;

    private final CfnDeliveryStream stream;
    private final Role role;
    private final LogGroup logGroup;

    public Delivery(Construct scope, String id, IBucket bucket, IKey key, DeliverySettings settings) {
        super(scope, id);
        Stack stack = Stack.of(this);
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        LogStream logStream = LogStream.Builder.create(this, "S3Delivery").logGroup(logGroup)
                .removalPolicy(RemovalPolicy.DESTROY).build();

        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("firehose.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()))))
                .description("Fanout: lets the rows stream write its objects and its delivery log")
                .build();
        String rows = bucket.arnForObjects(StorageLayout.ROWS + "*");
        String errors = bucket.arnForObjects(StorageLayout.FIREHOSE_ERRORS + "*");
        String logStreamArn = stack.formatArn(software.amazon.awscdk.ArnComponents.builder()
                .service("logs").resource("log-group")
                .resourceName(logGroup.getLogGroupName() + ":log-stream:" + logStream.getLogStreamName())
                .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME).build());
        Policy policy = Policy.Builder.create(this, "Policy").statements(List.of(
                PolicyStatement.Builder.create().sid("ListTheBucket").effect(Effect.ALLOW)
                        .actions(List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"))
                        .resources(List.of(bucket.getBucketArn())).build(),
                PolicyStatement.Builder.create().sid("WriteRowsAndErrors").effect(Effect.ALLOW)
                        .actions(List.of("s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"))
                        .resources(List.of(rows, errors)).build(),
                PolicyStatement.Builder.create().sid("EncryptObjectsThroughS3").effect(Effect.ALLOW)
                        .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                        .resources(List.of(key.getKeyArn()))
                        .conditions(Map.of("StringEquals",
                                Map.of("kms:ViaService", "s3." + stack.getRegion() + ".amazonaws.com")))
                        .build(),
                PolicyStatement.Builder.create().sid("WriteDeliveryLog").effect(Effect.ALLOW)
                        .actions(List.of("logs:PutLogEvents"))
                        .resources(List.of(logStreamArn)).build()))
                .roles(List.of(role))
                .build();
        String why = "Firehose names its objects itself (partition folders, then a time and a random suffix), so"
                + " it may write any object below this prefix of the data bucket, and nothing else in it.";
        Suppressions.allowWildcards(policy,
                Wildcard.resourceEndingWith("/" + StorageLayout.ROWS + "*", why),
                Wildcard.resourceEndingWith("/" + StorageLayout.FIREHOSE_ERRORS + "*", why));

        stream = CfnDeliveryStream.Builder.create(this, "Stream")
                .deliveryStreamType("DirectPut")
                .deliveryStreamEncryptionConfigurationInput(DeliveryStreamEncryptionConfigurationInputProperty
                        .builder().keyType("CUSTOMER_MANAGED_CMK").keyArn(key.getKeyArn()).build())
                .extendedS3DestinationConfiguration(ExtendedS3DestinationConfigurationProperty.builder()
                        .bucketArn(bucket.getBucketArn())
                        .roleArn(role.getRoleArn())
                        .prefix(StorageLayout.ROWS_PREFIX)
                        .errorOutputPrefix(StorageLayout.ERROR_PREFIX)
                        .fileExtension(".jsonl.gz")
                        .compressionFormat("GZIP")
                        .bufferingHints(BufferingHintsProperty.builder().sizeInMBs(settings.sizeMb())
                                .intervalInSeconds(settings.intervalSeconds()).build())
                        .encryptionConfiguration(EncryptionConfigurationProperty.builder()
                                .kmsEncryptionConfig(KMSEncryptionConfigProperty.builder()
                                        .awskmsKeyArn(key.getKeyArn()).build()).build())
                        .cloudWatchLoggingOptions(CloudWatchLoggingOptionsProperty.builder().enabled(true)
                                .logGroupName(logGroup.getLogGroupName())
                                .logStreamName(logStream.getLogStreamName()).build())
                        .dynamicPartitioningConfiguration(DynamicPartitioningConfigurationProperty.builder()
                                .enabled(true)
                                .retryOptions(RetryOptionsProperty.builder().durationInSeconds(RETRY_SECONDS).build())
                                .build())
                        .processingConfiguration(ProcessingConfigurationProperty.builder().enabled(true)
                                .processors(List.of(
                                        processor("RecordDeAggregation", Map.of("SubRecordType", "JSON")),
                                        processor("MetadataExtraction", Map.of(
                                                "MetadataExtractionQuery", StorageLayout.PARTITION_QUERY,
                                                "JsonParsingEngine", "JQ-1.6")),
                                        processor("AppendDelimiterToRecord", Map.of())))
                                .build())
                        .build())
                .build();
        // Firehose checks its role when the stream is created: the policy must exist first.
        stream.getNode().addDependency(policy);
    }

    private static ProcessorProperty processor(String type, Map<String, String> parameters) {
        ProcessorProperty.Builder processor = ProcessorProperty.builder().type(type);
        if (!parameters.isEmpty()) {
            processor.parameters(parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(p -> (Object) ProcessorParameterProperty.builder().parameterName(p.getKey())
                            .parameterValue(p.getValue()).build())
                    .toList());
        }
        return processor.build();
    }

    public CfnDeliveryStream stream() {
        return stream;
    }

    public String streamName() {
        return stream.getRef();
    }

    public String streamArn() {
        return stream.getAttrArn();
    }

    public Role role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
