package dev.fanout.adapters.aws.secrets;

import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.SecretStore;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads a secret with Secrets Manager's {@code GetSecretValue} (the current version): its {@code SecretString}
 * as UTF-8 bytes, or its {@code SecretBinary}. Every failure is a {@link PortException} that names the secret
 * and what to check. The store owns the client and closes it.
 */
public final class SecretsManagerSecretStore implements SecretStore {

    private final SecretsManagerClient client;
    private final String region;

    public SecretsManagerSecretStore(SecretsManagerClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.region = client.serviceClientConfiguration().region().id();
    }

    @Override
    public Payload read(String secretId) {
        Objects.requireNonNull(secretId, "secretId");
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request -> request.secretId(secretId));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String why = switch (code == null ? "" : code) {
                case "ResourceNotFoundException" -> "it does not exist in region " + region
                        + " (check the ARN and --region)";
                case "AccessDeniedException" -> "access denied: the caller needs secretsmanager:GetSecretValue on it"
                        + " (and kms:Decrypt on its key)";
                case "DecryptionFailure" -> "its KMS key cannot decrypt it for this caller (kms:Decrypt)";
                case "InvalidRequestException" -> "the request was refused (" + e.awsErrorDetails().errorMessage()
                        + "; a secret scheduled for deletion cannot be read)";
                default -> "Secrets Manager answered " + e.statusCode() + " " + code + ": "
                        + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
            };
            throw new PortException("cannot read secret " + secretId + ": " + why, e);
        } catch (SdkException e) {
            throw new PortException("cannot read secret " + secretId + ": Secrets Manager in " + region
                    + " is unreachable (" + e.getMessage() + ")", e);
        }
        if (response.secretString() != null) {
            return Payload.utf8(response.secretString());
        }
        if (response.secretBinary() != null) {
            return new Payload(response.secretBinary().asByteArray());
        }
        throw new PortException("secret " + secretId + " has no value");
    }

    @Override
    public void close() {
        client.close();
    }
}
