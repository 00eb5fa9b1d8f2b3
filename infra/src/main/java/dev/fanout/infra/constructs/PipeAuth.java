package dev.fanout.infra.constructs;

import dev.fanout.infra.config.DeploymentConfig;
import dev.fanout.infra.constructs.Suppressions.Wildcard;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The pipe's role and what it needs on the source side: read the mTLS secret (and decrypt it only through
 * Secrets Manager, only for that secret), find the cluster's brokers, and manage the network interfaces
 * through which it reaches them. {@link Pipe} adds the target side.
 */
public final class PipeAuth extends Construct {

    private final Role role;

    public PipeAuth(Construct scope, String id, DeploymentConfig config) {
        super(scope, id);
        DeploymentConfig.MskCluster cluster = config.mskCluster();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("pipes.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", cluster.account()))))
                .description("Fanout: lets the pipe read the Kafka topic over mTLS and invoke its targets")
                .build();
        String arnPrefix = "arn:" + cluster.partition() + ":";
        String[] secret = config.mtlsSecretArn().split(":");
        String secretRegion = secret[3];
        String secretAccount = secret[4];
        String ec2 = arnPrefix + "ec2:" + cluster.region() + ":" + cluster.account() + ":";
        Policy policy = Policy.Builder.create(this, "SourcePolicy").statements(List.of(
                PolicyStatement.Builder.create().sid("FindTheBrokers").effect(Effect.ALLOW)
                        .actions(List.of("kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"))
                        .resources(List.of(cluster.arn())).build(),
                PolicyStatement.Builder.create().sid("ReadTheClientCertificate").effect(Effect.ALLOW)
                        .actions(List.of("secretsmanager:GetSecretValue"))
                        .resources(List.of(config.mtlsSecretArn())).build(),
                PolicyStatement.Builder.create().sid("DecryptTheSecretThroughSecretsManager").effect(Effect.ALLOW)
                        .actions(List.of("kms:Decrypt"))
                        .resources(List.of(arnPrefix + "kms:" + secretRegion + ":" + secretAccount + ":key/*"))
                        .conditions(Map.of("StringEquals", Map.of(
                                "kms:ViaService", "secretsmanager." + secretRegion + ".amazonaws.com",
                                "kms:EncryptionContext:SecretARN", config.mtlsSecretArn())))
                        .build(),
                PolicyStatement.Builder.create().sid("ManageNetworkInterfaces").effect(Effect.ALLOW)
                        .actions(List.of("ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"))
                        .resources(List.of(ec2 + "network-interface/*", ec2 + "subnet/*", ec2 + "security-group/*"))
                        .build(),
                PolicyStatement.Builder.create().sid("DescribeTheNetwork").effect(Effect.ALLOW)
                        .actions(List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups",
                                "ec2:DescribeSubnets", "ec2:DescribeVpcs"))
                        .resources(List.of("*")).build()))
                .roles(List.of(role))
                .build();
        Suppressions.allowWildcards(policy,
                new Wildcard("<kms key>/*", "Resource::" + arnPrefix + "kms:" + secretRegion + ":" + secretAccount
                        + ":key/*", "the secret may be encrypted with the AWS managed key or any customer managed"
                        + " key; kms:Decrypt is allowed only through Secrets Manager and only with this secret's ARN"
                        + " as encryption context, so no other data can be decrypted with it."),
                new Wildcard("network-interface/*", "Resource::" + ec2 + "network-interface/*", "the pipe creates"
                        + " and deletes its network interfaces at run time, so their ids are unknown at deploy time;"
                        + " scoped to this account and region."),
                new Wildcard("subnet/*", "Resource::" + ec2 + "subnet/*", "the interfaces go into the cluster's"
                        + " subnets, which MSK chooses and the pipe looks up at run time; scoped to this account and"
                        + " region."),
                new Wildcard("security-group/*", "Resource::" + ec2 + "security-group/*", "the interfaces take the"
                        + " cluster's security groups, looked up at run time; scoped to this account and region."),
                Wildcard.anyResource("ec2:Describe* actions have no resource-level permissions."));
    }

    public Role role() {
        return role;
    }
}
