package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The data bucket and its log bucket: encrypted, private, TLS only, versioned, logged, retained, expiring. */
class StorageStackTest {

    private final SynthesizedApp app = SynthesizedApp.standard();
    private final Template template = app.template(app.deployment.storage());

    @Test
    void theDataBucket_isEncryptedWithTheRotatedCustomerKey_andLogsItsAccessToTheLogBucket() {
        // given
        Capture key = new Capture();
        Capture logBucket = new Capture();

        // when
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "BucketKeyEnabled", true,
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                                "KMSMasterKeyID", Map.of("Fn::GetAtt", List.of(key, "Arn")))))),
                "LoggingConfiguration", Map.of("DestinationBucketName", Map.of("Ref", logBucket),
                        "LogFilePrefix", "data/"),
                "VersioningConfiguration", Map.of("Status", "Enabled")));

        // then
        template.hasResource("AWS::KMS::Key", Map.of("Properties", Match.objectLike(Map.of("EnableKeyRotation", true)),
                "DeletionPolicy", "Retain"));
        assertThat(template.findResources("AWS::KMS::Key")).containsKey(key.asString());
        assertThat(template.findResources("AWS::S3::Bucket")).containsKey(logBucket.asString());
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "LoggingConfiguration", Match.absent()));
    }

    @Test
    void everyBucket_blocksPublicAccess_isRetained_andRefusesRequestsWithoutTls() {
        // when
        Map<String, Map<String, Object>> buckets = template.findResources("AWS::S3::Bucket");
        Map<String, Map<String, Object>> policies = template.findResources("AWS::S3::BucketPolicy", Map.of(
                "Properties", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny", "Action", "s3:*", "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));

        // then
        assertThat(buckets).hasSize(2);
        template.allResources("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "Properties", Match.objectLike(
                Map.of("PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                        "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")))))));
        assertThat(policies).hasSize(2);
    }

    @Test
    void rows_moveToCheaperClasses_andExpireAfterTheRetention_asDoDeadLettersAndFirehoseErrors() {
        // when / then: rows to Standard-IA at 30 days, Glacier Instant Retrieval (Athena reads it) at 90
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules",
                Match.arrayWith(List.of(
                        Map.of("Id", "rows", "Prefix", "rows/", "Status", "Enabled",
                                "ExpirationInDays", SynthesizedApp.RETENTION_DAYS,
                                "Transitions", List.of(
                                        Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30),
                                        Map.of("StorageClass", "GLACIER_IR", "TransitionInDays", 90))),
                        Match.objectLike(Map.of("Id", "dead-letters", "Prefix", "dead-letters/",
                                "ExpirationInDays", SynthesizedApp.RETENTION_DAYS)),
                        Match.objectLike(Map.of("Id", "firehose-errors", "Prefix", "firehose-errors/",
                                "ExpirationInDays", SynthesizedApp.RETENTION_DAYS)),
                        Match.objectLike(Map.of("Id", "athena-results", "Prefix", "athena-results/",
                                "ExpirationInDays", 7)))))));
    }
}
