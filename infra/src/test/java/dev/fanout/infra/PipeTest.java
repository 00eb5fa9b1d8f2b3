package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The pipe, its role and the cluster security group rules: mTLS from the oldest record to the alias. */
class PipeTest {

    private final SynthesizedApp app = SynthesizedApp.standard();
    private final Template template = app.template(app.deployment.pipeline());

    @Test
    void thePipe_readsTheTopicOverMtls_fromTheOldestRecord_inTheConfiguredBatches() {
        // when / then (ConsumerGroupID: CloudFormation's spelling of the builder's consumerGroupId)
        template.hasResourceProperties("AWS::Pipes::Pipe", Map.of(
                "Source", SynthesizedApp.CLUSTER_ARN,
                "DesiredState", "RUNNING",
                "SourceParameters", Map.of("ManagedStreamingKafkaParameters", Map.of(
                        "TopicName", "lmdp",
                        "StartingPosition", "TRIM_HORIZON",
                        "BatchSize", 500,
                        "MaximumBatchingWindowInSeconds", 20,
                        "ConsumerGroupID", "fanout-lmdp-prod",
                        "Credentials", Map.of("ClientCertificateTlsAuth", SynthesizedApp.SECRET_ARN)))));
    }

    @Test
    void thePipe_invokesTheFunctionsLiveAlias_synchronously_andLogsErrorsToItsOwnLogGroup() {
        // given
        Capture alias = new Capture();
        Capture logGroup = new Capture();

        // when
        template.hasResourceProperties("AWS::Pipes::Pipe", Map.of(
                "Target", Map.of("Ref", alias),
                "Enrichment", Match.absent(),
                "TargetParameters", Map.of("LambdaFunctionParameters", Map.of("InvocationType", "REQUEST_RESPONSE")),
                "LogConfiguration", Map.of("Level", "ERROR", "CloudwatchLogsLogDestination", Map.of("LogGroupArn",
                        logGroup))));

        // then: the log group's ARN without the ":*" of its streams
        assertThat(template.findResources("AWS::Lambda::Alias")).containsOnlyKeys(alias.asString());
        String pipeLogGroup = template.findResources("AWS::Logs::LogGroup").keySet().stream()
                .filter(id -> id.startsWith("PipeLogs")).findFirst().orElseThrow();
        assertThat(logGroup.asObject().toString()).contains(":log-group:, {Ref=" + pipeLogGroup + "}]")
                .doesNotContain(":*");
    }

    @Test
    void thePipesRole_mayInvokeOnlyTheAlias_readOnlyTheSecret_andDecryptItOnlyThroughSecretsManager() {
        // given
        String alias = template.findResources("AWS::Lambda::Alias").keySet().iterator().next();

        // when / then
        template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement",
                List.of(Map.of("Action", "sts:AssumeRole", "Effect", "Allow",
                        "Principal", Map.of("Service", "pipes.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "123456789012")))))));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Map.of("Sid", "InvokeTheFanOutFunction", "Effect", "Allow",
                        "Action", "lambda:InvokeFunction", "Resource", Map.of("Ref", alias)))))));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Sid", "FindTheBrokers", "Effect", "Allow",
                        "Action", List.of("kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"),
                        "Resource", SynthesizedApp.CLUSTER_ARN),
                Map.of("Sid", "ReadTheClientCertificate", "Effect", "Allow", "Action", "secretsmanager:GetSecretValue",
                        "Resource", SynthesizedApp.SECRET_ARN),
                Map.of("Sid", "DecryptTheSecretThroughSecretsManager", "Effect", "Allow", "Action", "kms:Decrypt",
                        "Resource", "arn:aws:kms:eu-west-1:123456789012:key/*",
                        "Condition", Map.of("StringEquals", Map.of(
                                "kms:ViaService", "secretsmanager.eu-west-1.amazonaws.com",
                                "kms:EncryptionContext:SecretARN", SynthesizedApp.SECRET_ARN))),
                Map.of("Sid", "ManageNetworkInterfaces", "Effect", "Allow",
                        "Action", List.of("ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"),
                        "Resource", List.of("arn:aws:ec2:eu-west-1:123456789012:network-interface/*",
                                "arn:aws:ec2:eu-west-1:123456789012:subnet/*",
                                "arn:aws:ec2:eu-west-1:123456789012:security-group/*")),
                Map.of("Sid", "DescribeTheNetwork", "Effect", "Allow",
                        "Action", List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups",
                                "ec2:DescribeSubnets", "ec2:DescribeVpcs"),
                        "Resource", "*")))));
    }

    @Test
    void theClusterSecurityGroup_letsThePipeReachTheBrokersMtlsPort_andAwsOverHttps() {
        // when / then
        template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 1);
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of("GroupId", SynthesizedApp.SECURITY_GROUP,
                "SourceSecurityGroupId", SynthesizedApp.SECURITY_GROUP, "IpProtocol", "tcp",
                "FromPort", 9094, "ToPort", 9094));
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of("GroupId", SynthesizedApp.SECURITY_GROUP,
                "DestinationSecurityGroupId", SynthesizedApp.SECURITY_GROUP, "FromPort", 9094, "ToPort", 9094));
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of("GroupId", SynthesizedApp.SECURITY_GROUP,
                "CidrIp", "0.0.0.0/0", "FromPort", 443, "ToPort", 443));
    }

    @Test
    void everyStack_isDeployedToTheClustersAccountAndRegion() {
        // when / then
        assertThat(app.stacks()).allSatisfy(stack -> {
            assertThat(app.artifact(stack).getEnvironment().getAccount()).isEqualTo("123456789012");
            assertThat(app.artifact(stack).getEnvironment().getRegion()).isEqualTo("eu-west-1");
        });
    }
}
