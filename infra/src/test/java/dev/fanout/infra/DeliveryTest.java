package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The Firehose stream: Direct PUT, dynamic partitioning into the spec's folders, gzip, KMS, logged. */
class DeliveryTest {

    private final SynthesizedApp app = SynthesizedApp.standard();
    private final Template template = app.template(app.deployment.pipeline());

    @Test
    void theStream_splitsRecordsIntoRows_readsTheirFolderWithTheSpecsJq_andPutsNewlinesBack() {
        // given
        Capture processors = new Capture();

        // when
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "ProcessingConfiguration", Map.of("Enabled", true, "Processors", processors)))));

        // then: in this order (de-aggregation before partition keys, the delimiter last)
        assertThat(processors.asArray()).isEqualTo(List.of(
                Map.of("Type", "RecordDeAggregation", "Parameters", List.of(
                        Map.of("ParameterName", "SubRecordType", "ParameterValue", "JSON"))),
                Map.of("Type", "MetadataExtraction", "Parameters", List.of(
                        Map.of("ParameterName", "JsonParsingEngine", "ParameterValue", "JQ-1.6"),
                        Map.of("ParameterName", "MetadataExtractionQuery", "ParameterValue",
                                "{orgid: (.partition.orgid // .orgId), metric: (.partition.metric // .metric),"
                                        + " dt: .dt, hour: .hour}"))),
                Map.of("Type", "AppendDelimiterToRecord")));
    }

    @Test
    void theStream_writesGzipObjectsUnderTheSpecsFolders_withErrorsApart_andBuffersAtLeast64MiB() {
        // given
        Capture buffering = new Capture();

        // when
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "DeliveryStreamType", "DirectPut",
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "Prefix", "rows/orgid=!{partitionKeyFromQuery:orgid}/metric=!{partitionKeyFromQuery:metric}"
                                + "/dt=!{partitionKeyFromQuery:dt}/hour=!{partitionKeyFromQuery:hour}/",
                        "ErrorOutputPrefix", "firehose-errors/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/",
                        "CompressionFormat", "GZIP",
                        "FileExtension", ".jsonl.gz",
                        "BufferingHints", buffering,
                        "DynamicPartitioningConfiguration", Map.of("Enabled", true,
                                "RetryOptions", Map.of("DurationInSeconds", 300))))));

        // then
        @SuppressWarnings("unchecked")
        Map<String, Object> hints = (Map<String, Object>) buffering.asObject();
        assertThat(((Number) hints.get("SizeInMBs")).intValue()).isBetween(64, 128);
        assertThat(((Number) hints.get("IntervalInSeconds")).intValue()).isEqualTo(300);
    }

    @Test
    void theStream_isEncryptedWithTheDataKey_andLogsItsDeliveryErrors() {
        // given
        Capture logGroup = new Capture();

        // when
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of(
                "DeliveryStreamEncryptionConfigurationInput", Map.of("KeyType", "CUSTOMER_MANAGED_CMK",
                        "KeyARN", Map.of("Fn::ImportValue", Match.stringLikeRegexp("StorageDataKey"))),
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "EncryptionConfiguration", Map.of("KMSEncryptionConfig", Map.of("AWSKMSKeyARN",
                                Map.of("Fn::ImportValue", Match.stringLikeRegexp("StorageDataKey")))),
                        "CloudWatchLoggingOptions", Map.of("Enabled", true, "LogGroupName", Map.of("Ref", logGroup),
                                "LogStreamName", Match.anyValue())))));

        // then
        assertThat(template.findResources("AWS::Logs::LogGroup", Map.of("Properties", Map.of("RetentionInDays", 30))))
                .containsKey(logGroup.asString());
    }

    @Test
    void firehosesRole_writesOnlyBelowRowsAndFirehoseErrors_ofTheDataBucket() {
        // given
        Capture resources = new Capture();

        // when
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Map.of("Sid", "WriteRowsAndErrors", "Effect", "Allow",
                        "Action", List.of("s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"),
                        "Resource", resources)))), "Roles", List.of(Map.of("Ref",
                Match.stringLikeRegexp("DeliveryRole")))));

        // then
        assertThat(resources.asArray().toString()).contains("/rows/*").contains("/firehose-errors/*")
                .doesNotContain("dead-letters");
        assertThat(resources.asArray()).hasSize(2);
    }
}
