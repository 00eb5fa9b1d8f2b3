package dev.fanout.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.fanout.ports.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.InstantSource;

/**
 * The EventBridge Pipe's target: a Pipes Kafka batch in, rows to Firehose, dead letters to S3, the batch's
 * counts out as a JSON object ({@link TargetSummary}). Bad data never fails the invocation; rows or dead letters
 * unwritten at the deadline do ({@link PipeTarget}). The component is built once, in static init.
 */
public final class PipeTargetHandler implements RequestStreamHandler {

    private static final LambdaInit<PipeTargetComponent> INIT = LambdaInit.fromEnvironment(HandlerKind.TARGET,
            config -> DaggerPipeTargetComponent.factory().create(config), PipeTargetComponent::target,
            PipeTargetComponent::hooks, PipeTargetComponent::warmup);

    /**
     * The runtime makes one instance by this constructor, right after the static initialiser.
     *
     * @throws ConfigException naming the variable, when the configuration is bad: the runtime reports it as the
     *                         function's init error
     */
    public PipeTargetHandler() {
        INIT.requireConfigured();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation invocation = Invocation.of(context, INIT.kind(), INIT.config(), InstantSource.system());
        Payload event = new Payload(input.readAllBytes());
        TargetSummary summary = Invocations.run(invocation, () -> INIT.component().target().handle(event, invocation));
        summary.writeTo(output);
    }
}
