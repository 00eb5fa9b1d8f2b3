package dev.fanout.infra.constructs;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The data bucket ({@code rows/}, {@code dead-letters/}, {@code firehose-errors/}, {@code athena-results/}),
 * encrypted with a customer managed key, and the bucket its access logs go to. Both are retained when the
 * stack is deleted: they hold the product's output and its audit trail.
 */
public final class Storage extends Construct {

    /** Rows move to Standard-IA after this many days (S3's minimum for that class). */
    static final int INFREQUENT_ACCESS_AFTER_DAYS = 30;
    /** …and to Glacier Instant Retrieval, which Athena still reads, after this many. */
    static final int GLACIER_AFTER_DAYS = 90;
    /** Athena results are working files: a week is enough to fetch them again. */
    static final int ATHENA_RESULTS_DAYS = 7;
    /** Access logs are kept for investigations of the last quarter. */
    static final int ACCESS_LOG_DAYS = 90;

    private final Key key;
    private final Bucket dataBucket;
    private final Bucket accessLogBucket;

    public Storage(Construct scope, String id, int retentionDays) {
        super(scope, id);
        key = Key.Builder.create(this, "DataKey")
                .description("Fanout: encrypts the rows, dead letters, Firehose stream and Athena results")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // The target of the data bucket's access logs (cdk-nag accepts a log target without logs of its own).
        // Server access logs cannot be delivered to a bucket encrypted with a customer managed key: S3-managed.
        accessLogBucket = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs")
                        .expiration(Duration.days(ACCESS_LOG_DAYS))
                        .noncurrentVersionExpiration(Duration.days(1)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        dataBucket = Bucket.Builder.create(this, "Data")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                // One data key per bucket instead of a KMS call per object: Firehose writes many small objects.
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .versioned(true)
                .serverAccessLogsBucket(accessLogBucket)
                .serverAccessLogsPrefix("data/")
                .lifecycleRules(lifecycle(retentionDays))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private static List<LifecycleRule> lifecycle(int retentionDays) {
        List<Transition> transitions = new ArrayList<>();
        // S3 refuses a transition on or after the expiration day, so short retentions keep rows in Standard.
        if (retentionDays > INFREQUENT_ACCESS_AFTER_DAYS) {
            transitions.add(Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                    .transitionAfter(Duration.days(INFREQUENT_ACCESS_AFTER_DAYS)).build());
        }
        if (retentionDays > GLACIER_AFTER_DAYS) {
            transitions.add(Transition.builder().storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                    .transitionAfter(Duration.days(GLACIER_AFTER_DAYS)).build());
        }
        return List.of(
                LifecycleRule.builder().id("rows").prefix(StorageLayout.ROWS).transitions(transitions)
                        .expiration(Duration.days(retentionDays)).build(),
                LifecycleRule.builder().id("dead-letters").prefix(StorageLayout.DEAD_LETTERS)
                        .expiration(Duration.days(retentionDays)).build(),
                LifecycleRule.builder().id("firehose-errors").prefix(StorageLayout.FIREHOSE_ERRORS)
                        .expiration(Duration.days(retentionDays)).build(),
                LifecycleRule.builder().id("athena-results").prefix(StorageLayout.ATHENA_RESULTS)
                        .expiration(Duration.days(ATHENA_RESULTS_DAYS)).build(),
                // Versioning keeps overwritten or deleted objects recoverable for a while, not forever.
                LifecycleRule.builder().id("old-versions-and-uploads")
                        .noncurrentVersionExpiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(7)).build());
    }

    public Key key() {
        return key;
    }

    public Bucket dataBucket() {
        return dataBucket;
    }

    public Bucket accessLogBucket() {
        return accessLogBucket;
    }
}
