package dev.fanout.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The Lambda context of {@code fanout invoke-local}: a request id, a remaining time that runs down from the
 * timeout given, and a logger that prints each line on {@code log} (stderr, so stdout carries only the response).
 */
final class LocalContext implements Context {

    private final String requestId;
    private final Instant deadline;
    private final InstantSource clock;
    private final LambdaLogger logger;

    LocalContext(String requestId, Duration timeout, InstantSource clock, PrintStream log) {
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.deadline = clock.instant().plus(timeout);
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.println(message);
            }

            @Override
            public void log(byte[] message) {
                log.println(new String(message, StandardCharsets.UTF_8).stripTrailing());
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "invoke-local";
    }

    @Override
    public String getLogStreamName() {
        return "invoke-local";
    }

    @Override
    public String getFunctionName() {
        return "fanout-invoke-local";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:fanout-invoke-local";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long left = Duration.between(clock.instant(), deadline).toMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int getMemoryLimitInMB() {
        return (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() >> 20);
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
