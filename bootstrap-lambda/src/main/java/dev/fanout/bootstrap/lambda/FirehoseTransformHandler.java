package dev.fanout.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.fanout.ports.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.InstantSource;

/**
 * An Amazon Data Firehose stream's data transformation, for streams fed raw bundles: every input record answered
 * once, {@code Ok} with its rows and partition keys, {@code Dropped} or {@code ProcessingFailed}
 * ({@link FirehoseTransform}). The component is built once, in static init.
 */
public final class FirehoseTransformHandler implements RequestStreamHandler {

    private static final LambdaInit<FirehoseTransformComponent> INIT = LambdaInit.fromEnvironment(
            HandlerKind.TRANSFORM, config -> DaggerFirehoseTransformComponent.factory().create(config),
            FirehoseTransformComponent::transform, FirehoseTransformComponent::hooks,
            FirehoseTransformComponent::warmup);

    /**
     * The runtime makes one instance by this constructor, right after the static initialiser.
     *
     * @throws ConfigException naming the variable, when the configuration is bad: the runtime reports it as the
     *                         function's init error
     */
    public FirehoseTransformHandler() {
        INIT.requireConfigured();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation invocation = Invocation.of(context, INIT.kind(), INIT.config(), InstantSource.system());
        Payload event = new Payload(input.readAllBytes());
        TransformResponse response = Invocations.run(invocation,
                () -> INIT.component().transform().handle(event, invocation));
        response.writeTo(output);
    }
}
