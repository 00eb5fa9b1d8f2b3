package dev.fanout.infra.constructs;

import software.amazon.awscdk.services.ec2.CfnSecurityGroupEgress;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.constructs.Construct;

/**
 * Opens the MSK cluster's security group for the pipe. A pipe with an MSK source places its network
 * interfaces in the cluster's subnets with the cluster's security groups, so that group must let its own
 * members reach the brokers' mTLS port, and reach AWS over HTTPS (through NAT or VPC endpoints).
 * Only built when {@code clusterSecurityGroupId} is given: many clusters already allow this.
 */
public final class Network extends Construct {

    /** The brokers' TLS port, which mTLS uses (9096 is SASL/SCRAM, 9098 IAM). */
    public static final int MTLS_PORT = 9094;

    public Network(Construct scope, String id, String clusterSecurityGroupId) {
        super(scope, id);
        CfnSecurityGroupIngress.Builder.create(this, "BrokersFromPipe")
                .groupId(clusterSecurityGroupId)
                .sourceSecurityGroupId(clusterSecurityGroupId)
                .ipProtocol("tcp").fromPort(MTLS_PORT).toPort(MTLS_PORT)
                .description("Fanout pipe: mTLS to the brokers from the pipe's network interfaces")
                .build();
        CfnSecurityGroupEgress.Builder.create(this, "PipeToBrokers")
                .groupId(clusterSecurityGroupId)
                .destinationSecurityGroupId(clusterSecurityGroupId)
                .ipProtocol("tcp").fromPort(MTLS_PORT).toPort(MTLS_PORT)
                .description("Fanout pipe: mTLS from the pipe's network interfaces to the brokers")
                .build();
        CfnSecurityGroupEgress.Builder.create(this, "PipeToAwsOverHttps")
                .groupId(clusterSecurityGroupId)
                .cidrIp("0.0.0.0/0")
                .ipProtocol("tcp").fromPort(443).toPort(443)
                .description("Fanout pipe: HTTPS to AWS service endpoints (STS, Secrets Manager, Lambda)")
                .build();
    }
}
