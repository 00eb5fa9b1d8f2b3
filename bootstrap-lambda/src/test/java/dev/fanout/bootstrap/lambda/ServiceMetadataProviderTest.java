package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.FirehoseServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.MonitoringServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.S3ServiceMetadata;

/**
 * The function's service metadata provider (software.amazon.awssdk.regions.GeneratedServiceMetadataProvider, in
 * place of the SDK's, which instantiates every service's metadata): the SDK finds it, it answers for the three
 * services the function calls with the SDK's own metadata, and the SDK falls back to its default for the rest.
 */
class ServiceMetadataProviderTest {

    @Test
    void theSdk_getsItsOwnMetadata_forFirehoseS3AndCloudWatch() {
        // when / then
        assertThat(ServiceMetadata.of("firehose")).isInstanceOf(FirehoseServiceMetadata.class);
        assertThat(ServiceMetadata.of("s3")).isInstanceOf(S3ServiceMetadata.class);
        assertThat(ServiceMetadata.of("monitoring")).isInstanceOf(MonitoringServiceMetadata.class);
        assertThat(ServiceMetadata.of("firehose").signingRegion(Region.US_WEST_2)).isEqualTo(Region.US_WEST_2);
        assertThat(ServiceMetadata.of("s3").signingRegion(Region.EU_WEST_1)).isEqualTo(Region.EU_WEST_1);
    }

    @Test
    void theSdk_fallsBackToItsDefaultMetadata_forServicesTheFunctionDoesNotCall() {
        // when: EC2, whose metadata the SDK's generated provider has (Ec2ServiceMetadata)
        ServiceMetadata ec2 = ServiceMetadata.of("ec2");

        // then: the function's provider is the one in use
        assertThat(ec2.getClass().getSimpleName()).isEqualTo("DefaultServiceMetadata");
        assertThat(ec2.signingRegion(Region.US_EAST_1)).isEqualTo(Region.US_EAST_1);
    }
}
