package dev.fanout.infra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Context validation, without the CDK: every refusal names its key. */
class DeploymentConfigTest {

    static final String CLUSTER = "arn:aws:kafka:eu-west-1:123456789012:cluster/demo/abc";
    static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_x-AbCdEf";

    @TempDir
    Path temp;

    private Map<String, Object> context() throws IOException {
        Path jar = Files.write(temp.resolve("fanout-lambda.jar"), new byte[] {'P', 'K'});
        Map<String, Object> context = new HashMap<>();
        context.put("mskClusterArn", CLUSTER);
        context.put("topic", "lmdp");
        context.put("mtlsSecretArn", SECRET);
        context.put("lambdaJar", jar.toString());
        return context;
    }

    @Test
    void fromContext_appliesTheDefaults_whenOnlyTheRequiredKeysAreGiven() throws IOException {
        // when
        DeploymentConfig config = DeploymentConfig.fromContext(context());

        // then
        assertThat(config.mskCluster()).isEqualTo(new DeploymentConfig.MskCluster(CLUSTER, "aws", "eu-west-1",
                "123456789012", "demo"));
        assertThat(config.consumerGroupId()).isEqualTo("fanout-lmdp");
        assertThat(config.batchSize()).isEqualTo(100);
        assertThat(config.batchWindowSeconds()).isEqualTo(10);
        assertThat(config.profile()).isEqualTo("lmdp");
        assertThat(config.simplePath()).isFalse();
        assertThat(config.lambda().memoryMb()).isEqualTo(1024);
        assertThat(config.lambda().timeoutSeconds()).isEqualTo(120);
        assertThat(config.lambda().reservedConcurrency()).isEqualTo(OptionalInt.empty());
        assertThat(config.lambda().jit()).isEqualTo(DeploymentConfig.Jit.C2);
        assertThat(config.delivery()).isEqualTo(new DeploymentConfig.DeliverySettings(128, 300));
        assertThat(config.retentionDays()).isEqualTo(365);
        assertThat(config.orgId()).isEmpty();
        assertThat(config.alarmEmail()).isEmpty();
        assertThat(config.metricNames()).isEmpty();
        assertThat(config.stackPrefix()).isEqualTo("Fanout");
        assertThat(config.databaseName()).isEqualTo("fanout");
    }

    @Test
    void fromContext_acceptsNumbersAndBooleans_asCdkJsonGivesThem() throws IOException {
        // given
        Map<String, Object> context = context();
        context.put("batchSize", 2500);
        context.put("simplePath", true);
        context.put("monthlyBudgetUsd", 75.5);
        context.put("alarmEmail", "ops@example.com");
        context.put("metricNames", "cpu.usage,mem%2Fused");
        context.put("stackPrefix", "Fanout-Eu");

        // when
        DeploymentConfig config = DeploymentConfig.fromContext(context);

        // then
        assertThat(config.batchSize()).isEqualTo(2500);
        assertThat(config.simplePath()).isTrue();
        assertThat(config.monthlyBudgetUsd()).contains(75.5);
        assertThat(config.metricNames()).containsExactly("cpu.usage", "mem%2Fused");
        assertThat(config.databaseName()).isEqualTo("fanout_eu");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mskClusterArn|arn:aws:kafka:eu-west-1:123:cluster/demo/abc|must be an MSK cluster ARN",
        "mskClusterArn|arn:aws:s3:::bucket|must be an MSK cluster ARN",
        "topic|lmdp topic|must be a Kafka topic name",
        "mtlsSecretArn|arn:aws:secretsmanager:eu-west-1:123456789012:secret:noSuffix|full ARN",
        "consumerGroupId|.hidden|consumer group id",
        "batchSize|0|must be from 1 to 10000, got 0",
        "batchSize|10001|must be from 1 to 10000",
        "batchSize|many|must be a whole number",
        "batchWindowSeconds|301|must be from 0 to 300",
        "profile|prometheus|must be lmdp or otel",
        "simplePath|yes|must be true or false",
        "lambdaMemoryMb|64|must be from 128 to 10240",
        "lambdaTimeoutSeconds|901|must be from 10 to 900",
        "lambdaReservedConcurrency|0|must be from 1 to 1000",
        "lambdaJit|c3|must be c2 or c1",
        "bufferSizeMb|32|must be from 64 to 128",
        "bufferIntervalSeconds|30|must be from 60 to 900",
        "alarmEmail|oncall|must be an e-mail address",
        "monthlyBudgetUsd|-5|must be more than 0",
        "retentionDays|0|must be from 1 to 36500",
        "clusterSecurityGroupId|default|must be a security group id",
        "metricNames|cpu usage|comma-separated list",
        "stackPrefix|1fanout|stack name prefix",
    })
    void fromContext_refusesABadValue_withAMessageNamingItsKey(String key, String value, String problem)
            throws IOException {
        // given
        Map<String, Object> context = context();
        context.put(key, value);

        // when / then
        assertThatThrownBy(() -> DeploymentConfig.fromContext(context))
                .isInstanceOfSatisfying(InvalidContextException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageStartingWith("context key '" + key + "': ")
                .hasMessageContaining(problem);
    }

    @Test
    void fromContext_namesEachMissingRequiredKey() throws IOException {
        for (String key : List.of("mskClusterArn", "topic", "mtlsSecretArn")) {
            // given
            Map<String, Object> context = context();
            context.remove(key);

            // when / then
            assertThatThrownBy(() -> DeploymentConfig.fromContext(context))
                    .isInstanceOfSatisfying(InvalidContextException.class, e -> assertThat(e.key()).isEqualTo(key))
                    .hasMessageStartingWith("context key '" + key + "': required");
        }
    }

    @Test
    void fromContext_refusesSecretMaterial_inPlaceOfTheSecretsArn_withoutPrintingIt() throws IOException {
        // given
        Map<String, Object> context = context();
        String material = "{\"certificate\":\"-----BEGIN CERTIFICATE-----\\nMIIB\",\"privateKey\":\"-----BEGIN PRIVATE KEY-----\\nMIIE\"}";
        context.put("mtlsSecretArn", material);

        // when / then
        assertThatThrownBy(() -> DeploymentConfig.fromContext(context))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageContaining("never the certificate or key")
                .hasMessageNotContaining("MII").hasMessageNotContaining("BEGIN");
    }

    @Test
    void fromContext_refusesABudget_withoutAnEmailToWarn() throws IOException {
        // given
        Map<String, Object> context = context();
        context.put("monthlyBudgetUsd", "100");

        // when / then
        assertThatThrownBy(() -> DeploymentConfig.fromContext(context))
                .isInstanceOfSatisfying(InvalidContextException.class,
                        e -> assertThat(e.key()).isEqualTo("monthlyBudgetUsd"))
                .hasMessageContaining("needs alarmEmail");
    }

    @Test
    void fromContext_refusesAMissingLambdaJar_andSaysHowToBuildIt() throws IOException {
        // given
        Map<String, Object> context = context();
        context.put("lambdaJar", temp.resolve("absent.jar").toString());

        // when / then
        assertThatThrownBy(() -> DeploymentConfig.fromContext(context))
                .isInstanceOfSatisfying(InvalidContextException.class, e -> assertThat(e.key()).isEqualTo("lambdaJar"))
                .hasMessageContaining(temp.resolve("absent.jar").toString())
                .hasMessageContaining("bin/with-jdk ./mvnw -B -ntp -DskipTests package");
    }

    @Test
    void fromContext_letsTheFunctionRunC2_unlessLambdaJitAsksForTheRuntimesC1Default() throws IOException {
        // given
        Map<String, Object> context = context();
        context.put("lambdaJit", "c1");

        // when
        DeploymentConfig c1 = DeploymentConfig.fromContext(context);
        DeploymentConfig c2 = DeploymentConfig.fromContext(context());

        // then
        assertThat(c1.lambda().jit().javaToolOptions()).isEmpty();
        assertThat(c2.lambda().jit().javaToolOptions()).contains("-XX:+TieredCompilation -XX:TieredStopAtLevel=4");
    }
}
