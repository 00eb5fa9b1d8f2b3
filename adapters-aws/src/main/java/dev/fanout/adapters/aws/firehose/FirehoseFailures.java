package dev.fanout.adapters.aws.firehose;

import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts what went wrong with one PutRecordBatch call: worth resending (a reason for the refusals, with
 * {@code ambiguous:} when Firehose may have stored the records anyway) or not (a {@link PortException}
 * telling a human what to check).
 */
final class FirehoseFailures {

    /** The refusal reason prefix for calls whose records Firehose may have stored despite the error. */
    static final String AMBIGUOUS = WriteOutcome.POSSIBLY_WRITTEN + " ";

    /** Per-record error codes worth resending (aws-contracts §2.1; "ServiceUnavailable" is the older text). */
    static final Set<String> RETRYABLE_RECORD_CODES =
            Set.of("ServiceUnavailableException", "ServiceUnavailable", "InternalFailure");

    private static final Set<String> THROTTLING_CODES = Set.of("ServiceUnavailableException", "ThrottlingException",
            "Throttling", "LimitExceededException", "TooManyRequestsException", "RequestLimitExceeded");

    private final String stream;
    private final String region;

    FirehoseFailures(String stream, String region) {
        this.stream = stream;
        this.region = region;
    }

    /** The refusal reason for a failed call worth resending; throws when resending cannot help. */
    String retryableReason(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return serviceReason(service);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return AMBIGUOUS + "PutRecordBatch timed out (" + e.getMessage() + "); Firehose may have stored the records";
        }
        Throwable unknownHost = cause(e, UnknownHostException.class);
        if (unknownHost != null) {
            throw new PortException("Cannot resolve the Firehose endpoint host for stream '" + stream + "' in region "
                    + region + " (" + unknownHost.getMessage() + "). Check the region name and any endpoint override"
                    + " (AWS_ENDPOINT_URL_FIREHOSE / AWS_ENDPOINT_URL), and the network's DNS.", e);
        }
        Throwable tls = cause(e, SSLHandshakeException.class);
        if (tls != null) {
            throw new PortException("TLS handshake with the Firehose endpoint for stream '" + stream + "' in region "
                    + region + " failed (" + tls.getMessage() + "). Check the endpoint override and the trust store.", e);
        }
        Throwable connect = cause(e, ConnectException.class);
        if (connect == null) {
            connect = cause(e, NoRouteToHostException.class);
        }
        Throwable timeout = cause(e, SocketTimeoutException.class);
        if (connect == null && timeout != null && String.valueOf(timeout.getMessage()).contains("connect")) {
            connect = timeout;
        }
        if (connect != null) {
            return "unavailable: cannot connect to Firehose (" + connect + ")";
        }
        Throwable io = cause(e, IOException.class);
        if (io != null) {
            return AMBIGUOUS + "the connection failed after the request was sent (" + io
                    + "); Firehose may have stored the records";
        }
        if (e instanceof AbortedException) {
            throw new PortException("Writing to Firehose stream '" + stream + "' was interrupted: " + e.getMessage(), e);
        }
        throw new PortException("Cannot call Firehose for stream '" + stream + "' in region " + region + ": "
                + e.getMessage() + ". Check the credentials (the role or profile in use, or the AWS_* variables) and"
                + " the client configuration.", e);
    }

    private String serviceReason(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        int status = e.statusCode();
        String what = (code == null ? "HTTP " + status : code + " (HTTP " + status + ")") + ": " + message;
        if (e.isThrottlingException() || status == 429 || code != null && THROTTLING_CODES.contains(code)) {
            return "throttled: " + what;
        }
        if (status >= 500) {
            return "unavailable: " + what;
        }
        if (e.isClockSkewException()) {
            return "unavailable: the local clock is skewed, the SDK corrects for it on the next call: " + what;
        }
        String target = "Firehose stream '" + stream + "' in region " + region;
        String hint = switch (code == null ? "" : code) {
            case "ResourceNotFoundException" -> target + " does not exist or is not ACTIVE. Check the stream name,"
                    + " the region (AWS_REGION) and the account the credentials belong to.";
            case "InvalidArgumentException" -> "Firehose rejected the PutRecordBatch request to " + target
                    + " as invalid. Check the sink settings (record and call limits) and that the stream is a Direct"
                    + " PUT stream.";
            case "AccessDeniedException", "AccessDenied", "UnrecognizedClientException", "InvalidSignatureException",
                 "ExpiredTokenException", "IncompleteSignature", "MissingAuthenticationToken",
                 "InvalidClientTokenId" -> "Access to " + target + " was denied. Check that the credentials are valid"
                    + " and that their role allows firehose:PutRecordBatch on the stream.";
            case "InvalidKMSResourceException" -> target + " cannot encrypt with its KMS key. Check the key's state"
                    + " and its policy for the stream's role.";
            default -> "Firehose refused the PutRecordBatch request to " + target + ".";
        };
        throw new PortException(hint + " Firehose said " + what, e);
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
