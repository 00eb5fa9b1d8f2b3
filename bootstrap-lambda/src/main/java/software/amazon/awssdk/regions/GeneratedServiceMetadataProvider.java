package software.amazon.awssdk.regions;

import software.amazon.awssdk.regions.servicemetadata.FirehoseServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.MonitoringServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.S3ServiceMetadata;

/**
 * The function's own copy of the SDK's service metadata provider, in the SDK's package and under its name so that
 * the SDK's {@code MetadataLoader} uses it: the SDK's generated one builds, the first time any client is made, the
 * metadata of every AWS service (some 400 classes loaded and instantiated, about 110 ms of the function's 0.9 s cold
 * start on two cores) to answer for the three the function calls. This one answers for those three with the SDK's
 * own classes, and for any other service with nothing, which makes the SDK use its default metadata (the signing
 * region is the client's region). The Lambda jar leaves the SDK's class out (bootstrap-lambda/pom.xml, shade
 * filter); {@code ServiceMetadataProviderTest} checks that the SDK's interface still fits and that the jar holds
 * this class.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {

    /** The endpoint prefixes of the services the function calls: Firehose, S3, CloudWatch. */
    static final String FIREHOSE = "firehose";
    static final String S3 = "s3";
    static final String CLOUDWATCH = "monitoring";

    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return switch (endpointPrefix) {
            case FIREHOSE -> new FirehoseServiceMetadata();
            case S3 -> new S3ServiceMetadata();
            case CLOUDWATCH -> new MonitoringServiceMetadata();
            default -> null;
        };
    }
}
