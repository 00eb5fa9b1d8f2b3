package dev.fanout.adapters.aws.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.function.Function;

/**
 * The WireMock plumbing every AWS fake shares: a started server on a free port whose answers all come from
 * one transformer, and the two answers that look the same for every service (late, or no answer at all).
 */
public final class FakeEndpoint {

    private FakeEndpoint() {
    }

    /**
     * A started server that hands every request to {@code answers}; what it passes over is a 404. Sized for
     * the sinks' parallel calls, without a request journal so long runs do not hold every body.
     */
    public static WireMockServer start(ResponseDefinitionTransformerV2 answers) {
        WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(16)
                .jettyIdleTimeout(30_000L).disableRequestJournal().stubRequestLoggingDisabled(true)
                .extensions(answers));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        return server;
    }

    /** As {@link #start(ResponseDefinitionTransformerV2)}, every request answered by {@code answer}. */
    public static WireMockServer start(String name, Function<ServeEvent, ResponseDefinition> answer) {
        return start(new ResponseDefinitionTransformerV2() {
            @Override
            public String getName() {
                return "fake-" + name;
            }

            @Override
            public ResponseDefinition transform(ServeEvent event) {
                return answer.apply(event);
            }
        });
    }

    /** {@code answer}, sent after {@code delay}: a client with a shorter timeout gives up first. */
    public static ResponseDefinition delayed(ResponseDefinition answer, Duration delay) {
        return ResponseDefinitionBuilder.like(answer).withFixedDelay((int) delay.toMillis()).build();
    }

    /** No answer: the connection is reset. */
    public static ResponseDefinition connectionReset() {
        return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
    }
}
