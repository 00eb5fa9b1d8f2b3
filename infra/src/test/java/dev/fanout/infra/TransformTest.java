package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The fan-out function: java21 with SnapStart behind an alias, JSON logs, the Lambda issue's environment. */
class TransformTest {

    private final SynthesizedApp app = SynthesizedApp.standard();
    private final Template template = app.template(app.deployment.pipeline());

    @Test
    void theFunction_runsThePipeTargetHandler_onJava21_withSnapStartOnPublishedVersions() {
        // given
        Capture logGroup = new Capture();

        // when
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Handler", "dev.fanout.bootstrap.lambda.PipeTargetHandler::handleRequest",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "MemorySize", 2048,
                "Timeout", SynthesizedApp.TIMEOUT_SECONDS,
                "ReservedConcurrentExecutions", 20,
                "LoggingConfig", Map.of("LogFormat", "JSON", "ApplicationLogLevel", "INFO", "SystemLogLevel", "WARN",
                        "LogGroup", Map.of("Ref", logGroup))));

        // then
        assertThat(template.findResources("AWS::Logs::LogGroup", Map.of("Properties", Map.of("RetentionInDays", 30))))
                .containsKey(logGroup.asString());
    }

    @Test
    void theAlias_pointsAtTheVersionThisDeploymentPublished() {
        // given
        Capture version = new Capture();

        // when
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live",
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));

        // then
        assertThat(template.findResources("AWS::Lambda::Version")).containsOnlyKeys(version.asString());
    }

    @Test
    void theFunction_getsTheFanoutEnvironment_withDeadLettersInTheDataBucketWithoutPrefix_andC2() {
        // given
        Capture environment = new Capture();

        // when
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables", environment)));

        // then
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) environment.asObject();
        assertThat(variables).containsOnlyKeys("FANOUT_ROWS_STREAM", "FANOUT_DEAD_LETTER_BUCKET", "FANOUT_PROFILE",
                "FANOUT_ORG_KEY", "FANOUT_METRICS", "FANOUT_METRICS_NAMESPACE", "JAVA_TOOL_OPTIONS");
        assertThat(variables.get("FANOUT_ROWS_STREAM")).isEqualTo(
                Map.of("Ref", template.findResources("AWS::KinesisFirehose::DeliveryStream").keySet().iterator().next()));
        assertThat(variables.get("FANOUT_DEAD_LETTER_BUCKET").toString()).contains("Fn::ImportValue")
                .contains("StorageData");
        assertThat(variables).containsEntry("FANOUT_PROFILE", "lmdp").containsEntry("FANOUT_ORG_KEY", "tenant")
                .containsEntry("FANOUT_METRICS", "cloudwatch").containsEntry("FANOUT_METRICS_NAMESPACE", "Fanout")
                .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4");
    }

    @Test
    void theFunction_mayPutRowsToItsStream_deadLettersBelowDeadLetters_andMetricsInItsNamespaceOnly() {
        // given
        Capture statements = new Capture();
        String stream = template.findResources("AWS::KinesisFirehose::DeliveryStream").keySet().iterator().next();

        // when
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", statements),
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("TransformRole")))));

        // then
        List<Object> all = statements.asArray();
        assertThat(all).extracting(st -> (Object) ((Map<?, ?>) st).get("Sid")).containsExactly("WriteRows",
                "WriteDeadLetters", "EncryptDeadLettersThroughS3", "PublishFanoutMetrics", "WriteOwnLog");
        assertThat(all.get(0)).isEqualTo(Map.of("Sid", "WriteRows", "Effect", "Allow",
                "Action", "firehose:PutRecordBatch", "Resource", Map.of("Fn::GetAtt", List.of(stream, "Arn"))));
        Map<?, ?> deadLetters = (Map<?, ?>) all.get(1);
        assertThat(deadLetters.get("Action")).isEqualTo("s3:PutObject");
        assertThat(deadLetters.get("Resource").toString()).contains("Fn::ImportValue").contains("StorageData")
                .endsWith("/dead-letters/*]]}");
        Map<?, ?> kms = (Map<?, ?>) all.get(2);
        assertThat(kms.get("Action")).isEqualTo("kms:GenerateDataKey");
        assertThat(kms.get("Resource").toString()).contains("StorageDataKey");
        assertThat(kms.get("Condition")).isEqualTo(
                Map.of("StringEquals", Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com")));
        assertThat(all.get(3)).isEqualTo(Map.of("Sid", "PublishFanoutMetrics", "Effect", "Allow",
                "Action", "cloudwatch:PutMetricData", "Resource", "*",
                "Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", "Fanout"))));
        assertThat(all.get(4)).isEqualTo(Map.of("Sid", "WriteOwnLog", "Effect", "Allow",
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Resource", Map.of("Fn::GetAtt", List.of(logGroupOfFunction(), "Arn"))));
    }

    private String logGroupOfFunction() {
        Capture logGroup = new Capture();
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("LoggingConfig",
                Match.objectLike(Map.of("LogGroup", Map.of("Ref", logGroup)))));
        return logGroup.asString();
    }
}
