package dev.fanout.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.fanout.ports.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.InstantSource;

/**
 * The EventBridge Pipe's enrichment (pipe enrichment, then a Firehose target): a Pipes Kafka batch in, its rows out
 * as a JSON array of row objects, dead letters to S3. A response over the pipe's 6 MB limit is written to Firehose
 * here instead and answered {@code []} ({@link PipeEnrichment}). The component is built once, in static init.
 */
public final class PipeEnrichmentHandler implements RequestStreamHandler {

    private static final LambdaInit<PipeEnrichmentComponent> INIT = LambdaInit.fromEnvironment(HandlerKind.ENRICHMENT,
            config -> DaggerPipeEnrichmentComponent.factory().create(config), PipeEnrichmentComponent::enrichment,
            PipeEnrichmentComponent::hooks, PipeEnrichmentComponent::warmup);

    /**
     * The runtime makes one instance by this constructor, right after the static initialiser.
     *
     * @throws ConfigException naming the variable, when the configuration is bad: the runtime reports it as the
     *                         function's init error
     */
    public PipeEnrichmentHandler() {
        INIT.requireConfigured();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocation invocation = Invocation.of(context, INIT.kind(), INIT.config(), InstantSource.system());
        Payload event = new Payload(input.readAllBytes());
        byte[] rows = Invocations.run(invocation, () -> INIT.component().enrichment().handle(event, invocation));
        output.write(rows);
    }
}
