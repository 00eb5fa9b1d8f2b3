package dev.fanout.adapters.aws.failure;

import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one failure model of the AWS sinks: sorts what went wrong with a write call into a {@link CallRefusal}
 * worth resending, or a {@link PortException} telling a person what to check. Every sink classifies alike and
 * words its reasons alike ({@code <what happened>: <service> <operation> <details>}):
 * <ul>
 * <li>{@code throttled:} the service asked to slow down (429, 503, a throttling error code): retryable;</li>
 * <li>{@code unavailable:} a 5xx, a transient error code, a skewed clock, or no connection could be made (the
 * request never left: refused, no route, or the connect itself timed out): retryable;</li>
 * <li>{@code timed out:} / {@code connection lost:} the call timed out or its connection broke after the
 * request was sent: the service may have stored it, so the kind is {@link Kind#POSSIBLY_WRITTEN}, unless the
 * call is {@linkplain AwsCall#idempotent() idempotent} and a resend cannot duplicate anything;</li>
 * <li>{@code not sent:} too little time left before the deadline for a call ({@link Kind#NOT_SENT});</li>
 * <li>anything else (unknown host, TLS, access denied, no such stream or bucket, an interrupted thread) throws.</li>
 * </ul>
 */
public final class AwsFailures {

    /** Error codes that ask the caller to slow down, in the spellings the services use. */
    private static final Set<String> THROTTLING_CODES = Set.of("ThrottlingException", "Throttling",
            "ThrottledException", "SlowDown", "ServiceUnavailableException", "LimitExceededException",
            "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
            "ProvisionedThroughputExceededException");

    /** Error codes of transient failures below 500 (S3 answers a slow upload with a 400 RequestTimeout). */
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "InternalFailure", "ServiceUnavailable",
            "RequestTimeout", "RequestTimeTooSkewed", "OperationAborted");

    private static final int MAX_CAUSES = 20;

    private final AwsCall call;

    public AwsFailures(AwsCall call) {
        this.call = Objects.requireNonNull(call, "call");
    }

    /** The refusal of a call not made because {@code left} is too little time before {@code deadline}. */
    public CallRefusal notSent(Duration left, Instant deadline) {
        return new CallRefusal(Kind.NOT_SENT, "not sent: " + Math.max(0, left.toMillis()) + " ms left before "
                + deadline + " is too little for a " + call.service() + " " + call.operation() + " call");
    }

    /** The refusal of a call whose outcome is unknown although the service answered (a malformed answer). */
    public CallRefusal unknownOutcome(String what) {
        return new CallRefusal(call.idempotent() ? Kind.RETRYABLE : Kind.POSSIBLY_WRITTEN,
                "unknown outcome: " + call.service() + " " + call.operation() + " " + what + "; " + call.unknownOutcome());
    }

    /**
     * The refusal for a failed call worth resending.
     *
     * @throws PortException when resending cannot help; its message says what to check
     */
    public CallRefusal classify(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return serviceFailure(service);
        }
        String op = call.service() + " " + call.operation();
        Throwable unknownHost = cause(e, UnknownHostException.class);
        if (unknownHost != null) {
            throw new PortException("Cannot resolve the " + call.service() + " endpoint host for " + call.target()
                    + " (" + unknownHost.getMessage() + "). Check the region, any endpoint override ("
                    + call.endpointVariables() + ") and the network's DNS.", e);
        }
        Throwable tls = cause(e, SSLHandshakeException.class);
        if (tls != null) {
            throw new PortException("TLS handshake with the " + call.service() + " endpoint for " + call.target()
                    + " failed (" + tls.getMessage() + "). Check the endpoint override and the trust store.", e);
        }
        Throwable connect = connectFailure(e);
        if (connect != null) {
            return new CallRefusal(Kind.RETRYABLE, "unavailable: cannot connect to " + call.service() + " (" + connect
                    + "); nothing was sent");
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new CallRefusal(outcomeUnknown(), "timed out: " + op + " (" + e.getMessage() + "); "
                    + call.unknownOutcome());
        }
        Throwable io = cause(e, IOException.class);
        if (io != null) {
            return new CallRefusal(outcomeUnknown(), "connection lost: " + op + " (" + io
                    + ") after the request was sent; " + call.unknownOutcome());
        }
        if (e instanceof AbortedException) {
            throw new PortException("Writing to " + call.target() + " was interrupted: " + e.getMessage(), e);
        }
        throw new PortException("Cannot call " + call.service() + " for " + call.target() + ": " + e.getMessage()
                + ". Check the credentials (the role or profile in use, or the AWS_* variables) and the client"
                + " configuration.", e);
    }

    /**
     * The refusal for a call that failed with an exception the SDK did not wrap: the JDK's HttpURLConnection can
     * throw one (e.g. a NullPointerException from its output stream) when the connection is reset while the
     * request is being written. The request may have reached the service, so the outcome is unknown.
     */
    public CallRefusal unexpected(RuntimeException e) {
        return new CallRefusal(outcomeUnknown(), "connection lost: " + call.service() + " " + call.operation()
                + " failed inside the HTTP client (" + e + "); " + call.unknownOutcome());
    }

    private CallRefusal serviceFailure(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        int status = e.statusCode();
        String what = call.service() + " " + call.operation() + ": "
                + (code == null ? "HTTP " + status : code + " (HTTP " + status + ")") + ": " + message;
        if (e.isThrottlingException() || status == 429 || status == 503 || code != null && THROTTLING_CODES.contains(code)) {
            return new CallRefusal(Kind.RETRYABLE, "throttled: " + what);
        }
        if (status >= 500 || code != null && TRANSIENT_CODES.contains(code)) {
            return new CallRefusal(Kind.RETRYABLE, "unavailable: " + what);
        }
        if (e.isClockSkewException()) {
            return new CallRefusal(Kind.RETRYABLE, "unavailable: the local clock is skewed, the SDK corrects for it"
                    + " on the next call: " + what);
        }
        throw new PortException(call.misconfiguration().apply(code == null ? "" : code, status) + " "
                + call.service() + " said " + what, e);
    }

    private Kind outcomeUnknown() {
        return call.idempotent() ? Kind.RETRYABLE : Kind.POSSIBLY_WRITTEN;
    }

    /**
     * The cause that shows the request never left: the connection was refused, had no route, or the connect
     * itself timed out (the JDK says "Connect timed out", other stacks "connect timed out").
     */
    private static Throwable connectFailure(Throwable e) {
        Throwable refused = cause(e, ConnectException.class);
        if (refused != null) {
            return refused;
        }
        Throwable noRoute = cause(e, NoRouteToHostException.class);
        if (noRoute != null) {
            return noRoute;
        }
        Throwable timeout = cause(e, SocketTimeoutException.class);
        if (timeout != null && String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
            return timeout;
        }
        return null;
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
