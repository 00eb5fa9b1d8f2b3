package dev.fanout.adapters.aws.s3;

import dev.fanout.ports.PortException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts what went wrong with one PutObject call: worth resending (a refusal reason) or not (a
 * {@link PortException} telling a human what to check). A PutObject to a deterministic key is idempotent,
 * so a timed-out call is simply resent: an object written twice is overwritten with the same bytes, never
 * duplicated, and the reason is {@code timeout:} rather than {@code ambiguous:}.
 */
final class S3Failures {

    private static final Set<String> RETRYABLE_CODES = Set.of("SlowDown", "InternalError", "ServiceUnavailable",
            "RequestTimeout", "RequestTimeTooSkewed", "Throttling", "ThrottlingException", "OperationAborted");

    private final String bucket;
    private final String prefix;
    private final String region;

    S3Failures(String bucket, String prefix, String region) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.region = region;
    }

    String retryableReason(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return serviceReason(service);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return "timeout: PutObject timed out (" + e.getMessage() + "); resending overwrites the same key";
        }
        Throwable unknownHost = cause(e, UnknownHostException.class);
        if (unknownHost != null) {
            throw new PortException("Cannot resolve the S3 endpoint host for bucket '" + bucket + "' in region " + region
                    + " (" + unknownHost.getMessage() + "). Check the bucket name, the region and any endpoint override"
                    + " (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL), and the network's DNS.", e);
        }
        Throwable tls = cause(e, SSLHandshakeException.class);
        if (tls != null) {
            throw new PortException("TLS handshake with the S3 endpoint for bucket '" + bucket + "' failed ("
                    + tls.getMessage() + "). Check the endpoint override and the trust store.", e);
        }
        if (cause(e, ConnectException.class) != null || cause(e, NoRouteToHostException.class) != null) {
            return "unavailable: cannot connect to S3 (" + e.getMessage() + ")";
        }
        Throwable io = cause(e, IOException.class);
        if (io != null) {
            return "timeout: the connection failed (" + io + "); resending overwrites the same key";
        }
        if (e instanceof AbortedException) {
            throw new PortException("Writing dead letters to bucket '" + bucket + "' was interrupted: " + e.getMessage(), e);
        }
        throw new PortException("Cannot call S3 for bucket '" + bucket + "' in region " + region + ": " + e.getMessage()
                + ". Check the credentials (the role or profile in use, or the AWS_* variables) and the client"
                + " configuration.", e);
    }

    private String serviceReason(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        int status = e.statusCode();
        String what = (code == null ? "HTTP " + status : code + " (HTTP " + status + ")") + ": " + message;
        if (e.isThrottlingException() || status == 429 || status == 503) {
            return "throttled: " + what;
        }
        if (status >= 500 || code != null && RETRYABLE_CODES.contains(code) || e.isClockSkewException()) {
            return "unavailable: " + what;
        }
        String target = "s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + "dead-letters/";
        String hint = switch (code == null ? "" : code) {
            case "NoSuchBucket" -> "The bucket '" + bucket + "' does not exist. Check the dead-letter location.";
            case "AccessDenied", "AllAccessDisabled", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
                 "InvalidToken" -> "Access to " + target + " was denied. Check that the credentials are valid and that"
                    + " their role allows s3:PutObject there (and kms:GenerateDataKey on the KMS key, if one is set).";
            case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException" ->
                    "The bucket '" + bucket + "' is not in region " + region + ". Configure the bucket's region.";
            case "KMS.NotFoundException", "KMS.DisabledException", "KMS.KMSInvalidStateException",
                 "KMS.AccessDeniedException", "KMS.InvalidKeyUsageException" -> "S3 cannot encrypt " + target
                    + " with the configured KMS key. Check the key id, its state and its policy for the writer's role.";
            default -> (status == 301 ? "The bucket '" + bucket + "' is not in region " + region + ". " : "")
                    + "S3 refused PutObject under " + target + ".";
        };
        throw new PortException(hint + " S3 said " + what, e);
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
