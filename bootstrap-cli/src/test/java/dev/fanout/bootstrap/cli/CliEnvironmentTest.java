package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CliEnvironmentTest {

    @Test
    void of_takesTheRegionFromAwsRegion_beforeAwsDefaultRegion() {
        // when
        CliEnvironment both = CliEnvironment.of(Map.of("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "us-east-1"),
                new Properties());
        CliEnvironment fallback = CliEnvironment.of(Map.of("AWS_REGION", "  ", "AWS_DEFAULT_REGION", "us-east-1"),
                new Properties());
        CliEnvironment none = CliEnvironment.of(Map.of(), new Properties());

        // then
        assertThat(both.awsRegion()).contains("eu-west-1");
        assertThat(fallback.awsRegion()).contains("us-east-1");
        assertThat(none.awsRegion()).isEmpty();
    }

    @Test
    void of_takesTheProgressModeFromTheLaunchersProperty_andDrawsNothingWithoutIt() {
        // given
        Properties auto = new Properties();
        auto.setProperty("fanout.progress", "auto");
        Properties odd = new Properties();
        odd.setProperty("fanout.progress", "sometimes");

        // when / then
        assertThat(CliEnvironment.of(Map.of(), auto).progress()).isEqualTo(ProgressMode.AUTO);
        assertThat(CliEnvironment.of(Map.of(), odd).progress()).isEqualTo(ProgressMode.NEVER);
        assertThat(CliEnvironment.of(Map.of(), new Properties()).progress()).isEqualTo(ProgressMode.NEVER);
    }
}
