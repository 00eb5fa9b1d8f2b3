package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.bootstrap.lambda.runtime.AwsFakes;
import dev.fanout.bootstrap.lambda.runtime.FakeRuntimeApi;
import dev.fanout.bootstrap.lambda.runtime.FakeRuntimeApi.Result;
import dev.fanout.bootstrap.lambda.runtime.LambdaProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A function whose configuration lacks a required variable, started as AWS starts it: its init fails with a log
 * line naming the variable, the runtime interface client posts an init error naming it to the Runtime API (the
 * handler's constructor throws the configuration error) and ends the process, and the function never asks for an
 * invocation.
 */
class InitFailureIT {

    @Test
    void missingRowsStream_failsInitWithTheVariablesName_andTakesNoInvocation() {
        // given a Pipe target configured without FANOUT_ROWS_STREAM
        try (AwsFakes aws = new AwsFakes(); FakeRuntimeApi runtime = FakeRuntimeApi.start()) {
            Map<String, String> env = new HashMap<>(aws.endpoints());
            env.put("FANOUT_DEAD_LETTER_BUCKET", "fanout-data");

            // when
            try (LambdaProcess function = LambdaProcess.start("dev.fanout.bootstrap.lambda.PipeTargetHandler", runtime,
                    env, 512)) {
                Result.Failure initError = runtime.awaitInitError(Duration.ofSeconds(60));
                int exit = function.awaitExit(Duration.ofSeconds(30));

                // then the runtime got an init error naming the variable, and the process ended without an invocation
                assertThat(initError.body()).as(function.logText()).contains("FANOUT_ROWS_STREAM");
                assertThat(exit).as(function.logText()).isNotZero().isNotEqualTo(-1);
                assertThat(runtime.askedForInvocations()).isFalse();
                // and the function's log names the variable in an event that is the function's own JSON object
                // (Lambda's JSON log format: the runtime client wraps strings, not bytes, in an object of its own)
                List<JsonNode> events = function.log().stream().filter(line -> line.startsWith("{"))
                        .map(ReferenceOutput::parse).toList();
                assertThat(events).as(function.logText()).anySatisfy(event -> {
                    assertThat(event.path("event").asText()).isEqualTo("init_failed");
                    assertThat(event.path("level").asText()).isEqualTo("ERROR");
                    assertThat(event.path("variable").asText()).isEqualTo("FANOUT_ROWS_STREAM");
                });
                assertThat(aws.firehoseCalls()).isEmpty();
                assertThat(aws.metricCalls()).isEmpty();
            }
        }
    }
}
