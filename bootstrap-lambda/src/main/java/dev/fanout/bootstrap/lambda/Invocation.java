package dev.fanout.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * One invocation as the handlers' logic sees it: its request id, its log, and the one absolute deadline by which
 * rows and dead letters must be written (the remaining time less the safety margin).
 */
record Invocation(String requestId, Instant deadline, JsonLog log) {

    Invocation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(log, "log");
    }

    /** The invocation {@code context} describes, its deadline measured from {@code clock}'s now. */
    static Invocation of(Context context, HandlerKind kind, LambdaConfig config, InstantSource clock) {
        Duration remaining = Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis()));
        Instant deadline = clock.instant().plus(remaining).minus(config.marginFor(remaining));
        String requestId = context.getAwsRequestId() == null ? "-" : context.getAwsRequestId();
        return new Invocation(requestId, deadline, new JsonLog(context.getLogger(), kind.cliName(), requestId));
    }
}
