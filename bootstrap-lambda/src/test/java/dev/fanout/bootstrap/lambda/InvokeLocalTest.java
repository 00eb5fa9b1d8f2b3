package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InvokeLocalTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return InvokeLocal.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void help_printsTheUsage_andExitsZero() {
        // when
        int status = run("--help");

        // then
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--handler target|enrichment|transform", "--event FILE");
    }

    @Test
    void aMissingOrUnknownArgument_isAUsageError() {
        // when / then
        assertThat(run("--event", "x.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--handler is required");
        assertThat(run("--handler", "sink", "--event", "x.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown handler 'sink'");
    }

    @Test
    void aMissingEventFile_isAUsageError() {
        // when
        int status = run("--handler", "target", "--event", "no-such-event.json");

        // then
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such event file: no-such-event.json");
    }

    @Test
    void aHandlerWhoseInitFails_exitsOne_namingTheVariable() {
        // given: this JVM's environment has no Fanout settings (the real handler class reads it in static init)
        assumeTrue(System.getenv("FANOUT_ROWS_STREAM") == null, "the test JVM must not have FANOUT_ROWS_STREAM");

        // when
        int status = run("--handler", "enrichment", "--event", TestLambda.SAMPLE_EVENT.toString());

        // then
        assertThat(status).isEqualTo(1);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("init failed: FANOUT_ROWS_STREAM: required: the name of the Firehose stream rows go to");
    }

    @Test
    void invoke_printsTheHandlersResponse_andExitsZero() {
        // given: a handler that answers with the remaining time it was given, in whole seconds
        RequestStreamHandler handler = (input, output, context) -> output.write(
                ("{\"seconds\":" + Math.round(context.getRemainingTimeInMillis() / 1000.0) + ",\"event\":"
                        + new String(input.readAllBytes(), StandardCharsets.UTF_8) + "}")
                        .getBytes(StandardCharsets.UTF_8));

        // when
        int status = InvokeLocal.invoke(handler, "[1]".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        // then
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"seconds\":60,\"event\":[1]}\n");
    }

    @Test
    void invoke_exitsOne_whenTheHandlerFails() {
        // given
        RequestStreamHandler handler = (input, output, context) -> {
            context.getLogger().log("{\"event\":\"invocation_failed\"}");
            throw new UnwrittenException("3 rows unwritten");
        };

        // when
        int status = InvokeLocal.invoke(handler, new byte[0], Duration.ofSeconds(1),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        // then
        assertThat(status).isEqualTo(1);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("{\"event\":\"invocation_failed\"}",
                "the handler failed: 3 rows unwritten");
    }
}
