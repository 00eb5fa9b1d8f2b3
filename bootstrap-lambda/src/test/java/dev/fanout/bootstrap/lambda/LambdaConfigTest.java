package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.domain.service.Profile;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;

class LambdaConfigTest {

    @Test
    void of_readsEverySetting() {
        // given
        Map<String, String> env = TestLambda.environment("FANOUT_DEAD_LETTER_PREFIX", "/fanout/",
                "FANOUT_ORG_ID", "acme",
                "FANOUT_ORG_KEY", "tenant", "FANOUT_PROFILE", "otel", "FANOUT_MAX_BUNDLE_BYTES", "4MiB",
                "FANOUT_MAX_POINTS", "1000", "FANOUT_MAX_DEPTH", "32", "FANOUT_MAX_STRING_LENGTH", "4096",
                "FANOUT_RECORD_LIMIT", "500KiB", "FANOUT_METRICS", "off", "FANOUT_METRICS_NAMESPACE", "Fanout/Test",
                "FANOUT_SAFETY_MARGIN", "3s", "AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_ENDPOINT_URL_S3", "http://localhost:9000", "AWS_LAMBDA_FUNCTION_NAME", "fanout");

        // when
        LambdaConfig config = LambdaConfig.of(env, HandlerKind.TARGET);

        // then
        assertThat(config.rowsStream()).contains("rows-stream");
        assertThat(config.deadLetters().bucket()).isEqualTo("data-bucket");
        assertThat(config.deadLetters().prefix()).isEqualTo("fanout");
        assertThat(config.fanOut().orgId()).contains("acme");
        assertThat(config.fanOut().orgKey()).contains("tenant");
        assertThat(config.fanOut().profile()).isEqualTo(Profile.OTEL);
        assertThat(config.fanOut().limits().maxBundleBytes()).isEqualTo(4L << 20);
        assertThat(config.fanOut().limits().maxPoints()).isEqualTo(1000);
        assertThat(config.fanOut().limits().maxDepth()).isEqualTo(32);
        assertThat(config.fanOut().limits().maxStringChars()).isEqualTo(4096);
        assertThat(config.fanOut().limits().maxRowBytes()).isEqualTo(500 * 1024);
        assertThat(config.metrics()).isFalse();
        assertThat(config.metricsNamespace()).isEqualTo("Fanout/Test");
        assertThat(config.safetyMargin()).contains(Duration.ofSeconds(3));
        assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(config.endpoints().firehose()).contains(URI.create("http://localhost:4566"));
        assertThat(config.endpoints().cloudWatch()).contains(URI.create("http://localhost:4566"));
        assertThat(config.endpoints().s3()).contains(URI.create("http://localhost:9000"));
        assertThat(config.lambdaCredentials()).isTrue();
    }

    @Test
    void of_fillsTheDefaults_ofTheOptionalSettings() {
        // given
        Map<String, String> env = TestLambda.environment();

        // when
        LambdaConfig config = LambdaConfig.of(env, HandlerKind.TARGET);

        // then
        assertThat(config.deadLetters().prefix()).isEmpty();
        assertThat(config.fanOut().profile()).isEqualTo(Profile.LMDP);
        assertThat(config.fanOut().orgId()).isEmpty();
        assertThat(config.metrics()).isTrue();
        assertThat(config.metricsNamespace()).isEqualTo("Fanout");
        assertThat(config.endpoints()).isEqualTo(LambdaConfig.Endpoints.none());
        assertThat(config.lambdaCredentials()).isFalse();
        assertThat(config.marginFor(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.marginFor(Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void of_letsTheTransformationRunWithoutARowsStream() {
        // given
        Map<String, String> env = TestLambda.environment();
        env.remove("FANOUT_ROWS_STREAM");

        // when
        LambdaConfig config = LambdaConfig.of(env, HandlerKind.TRANSFORM);

        // then
        assertThat(config.rowsStream()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FANOUT_ROWS_STREAM        |                  | required
            FANOUT_ROWS_STREAM        | no spaces please | stream name
            FANOUT_DEAD_LETTER_BUCKET |                  | required
            FANOUT_DEAD_LETTER_BUCKET | Not_A_Bucket     | not an S3 bucket name
            FANOUT_DEAD_LETTER_PREFIX | a//b             | empty folder
            FANOUT_PROFILE            | prometheus       | unknown profile
            FANOUT_MAX_BUNDLE_BYTES   | lots             | not a byte size
            FANOUT_MAX_POINTS         | many             | not a whole number
            FANOUT_MAX_DEPTH          | 0                | must be positive
            FANOUT_MAX_STRING_LENGTH  | -3               | must be positive
            FANOUT_RECORD_LIMIT       | 4GiB             | FANOUT_RECORD_LIMIT
            FANOUT_METRICS            | statsd           | cloudwatch or off
            FANOUT_METRICS_NAMESPACE  | :bad             | not a CloudWatch namespace
            FANOUT_SAFETY_MARGIN      | soon             | not a duration
            AWS_REGION                |                  | required
            AWS_ENDPOINT_URL_S3       | localhost:9000   | scheme and a host
            """)
    void of_failsWithAMessageNamingTheVariable_whenAValueIsMissingOrInvalid(String variable, String value,
                                                                            String why) {
        // given
        Map<String, String> env = TestLambda.environment();
        if (value == null) {
            env.remove(variable);
        } else {
            env.put(variable, value);
        }

        // when / then
        assertThatThrownBy(() -> LambdaConfig.of(env, HandlerKind.TARGET))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + ": ")
                .hasMessageContaining(why)
                .satisfies(e -> assertThat(((ConfigException) e).variable()).isEqualTo(variable));
    }

    @Test
    void fromEnvironmentOfInit_logsTheMissingVariableAsOneJsonLine_andThrows() {
        // given
        Map<String, String> env = TestLambda.environment();
        env.remove("FANOUT_DEAD_LETTER_BUCKET");
        TestLambda.Lines log = new TestLambda.Lines();

        // when / then
        assertThatThrownBy(() -> LambdaInit.of(env, HandlerKind.ENRICHMENT, config -> "component", c -> c,
                c -> null, c -> null, log))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FANOUT_DEAD_LETTER_BUCKET");
        assertThat(log.lines).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"level\":\"ERROR\",\"event\":\"init_failed\",\"handler\":\"enrichment\"")
                .contains("\"variable\":\"FANOUT_DEAD_LETTER_BUCKET\""));
    }

    @Test
    void of_ignoresBlankValues_asIfUnset() {
        // given
        Map<String, String> env = TestLambda.environment("FANOUT_ORG_ID", "  ", "FANOUT_SAFETY_MARGIN", "");

        // when
        LambdaConfig config = LambdaConfig.of(env, HandlerKind.TARGET);

        // then
        assertThat(config.fanOut().orgId()).isEqualTo(Optional.empty());
        assertThat(config.safetyMargin()).isEmpty();
    }
}
