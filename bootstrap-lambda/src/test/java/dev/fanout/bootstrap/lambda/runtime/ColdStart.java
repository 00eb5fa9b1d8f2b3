package dev.fanout.bootstrap.lambda.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures the function's cold start on this machine, as Lambda would see it without its own sandbox set-up: a new
 * JVM with the runtime interface client and the built jar ({@link LambdaProcess}), from the process start to the
 * first response posted to the Runtime API, with Firehose, S3 and CloudWatch local ({@link AwsFakes}). Prints, per
 * round, the init (start → first {@code GET next}), the first invocation (event taken → response) and the total,
 * then their medians. A benchmark, run by {@code benchmarks/lambda-cold-start.sh}, never by the test suite.
 *
 * <p>The function runs with the java21 runtime's default JIT setting (C1 only,
 * {@link LambdaProcess#RUNTIME_JAVA_TOOL_OPTIONS}) unless the system property {@value #JAVA_TOOL_OPTIONS_PROPERTY}
 * gives the function's own {@code JAVA_TOOL_OPTIONS} (e.g. {@code -XX:TieredStopAtLevel=4}), as its configuration
 * would in Lambda.
 *
 * <pre>java -cp TEST_CLASSPATH -Dfanout.lambda.jar=… -Dfanout.lambda.ric.classpath=… \
 *     [-Dfanout.lambda.javaToolOptions=…] \
 *     dev.fanout.bootstrap.lambda.runtime.ColdStart ROUNDS EVENT_FILE [HANDLER_CLASS] [MEMORY_MB]</pre>
 */
public final class ColdStart {

    /** The function's {@code JAVA_TOOL_OPTIONS}, when it sets its own; blank or absent for the runtime's default. */
    static final String JAVA_TOOL_OPTIONS_PROPERTY = "fanout.lambda.javaToolOptions";

    private ColdStart() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        byte[] event = Files.readAllBytes(Path.of(args.length > 1 ? args[1] : "samples/pipes-event.json"));
        String handler = args.length > 2 ? args[2] : "dev.fanout.bootstrap.lambda.PipeTargetHandler";
        int memoryMb = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
        String javaToolOptions = System.getProperty(JAVA_TOOL_OPTIONS_PROPERTY, "").strip();
        System.out.printf("cold start of %s (%d MB) on a %d-byte event, %d rounds, java %s, JAVA_TOOL_OPTIONS=%s%n",
                handler, memoryMb, event.length, rounds, Runtime.version(),
                javaToolOptions.isEmpty() ? LambdaProcess.RUNTIME_JAVA_TOOL_OPTIONS + " (the runtime's)"
                        : javaToolOptions + " (the function's)");
        Map<String, List<Long>> times = new TreeMap<>();
        String response = "";
        for (int round = 1; round <= rounds; round++) {
            Round result = round(event, handler, memoryMb, javaToolOptions);
            response = result.response();
            System.out.printf("round %d: init %d ms, first invocation %d ms, start to first response %d ms%n", round,
                    result.initMs(), result.invocationMs(), result.totalMs());
            times.computeIfAbsent("1 init (JVM start -> first GET next)", k -> new ArrayList<>()).add(result.initMs());
            times.computeIfAbsent("2 first invocation (event taken -> response)", k -> new ArrayList<>())
                    .add(result.invocationMs());
            times.computeIfAbsent("3 JVM start -> first response", k -> new ArrayList<>()).add(result.totalMs());
        }
        // What every round answered (the same each time): the measure is of a real invocation, not of an error.
        System.out.println("response: " + response);
        times.forEach((what, values) -> System.out.printf("median %s: %d ms (min %d, max %d)%n", what.substring(2),
                median(values), Collections.min(values), Collections.max(values)));
    }

    private static Round round(byte[] event, String handler, int memoryMb, String javaToolOptions) {
        try (AwsFakes aws = new AwsFakes(); FakeRuntimeApi runtime = FakeRuntimeApi.start()) {
            Map<String, String> env = new HashMap<>(aws.endpoints());
            env.put("FANOUT_ROWS_STREAM", "fanout-rows");
            env.put("FANOUT_DEAD_LETTER_BUCKET", "fanout-data");
            if (!javaToolOptions.isEmpty()) {
                env.put("JAVA_TOOL_OPTIONS", javaToolOptions);
            }
            FakeRuntimeApi.Invocation invocation = runtime.invoke(event, Duration.ofSeconds(60));
            try (LambdaProcess function = LambdaProcess.start(handler, runtime, env, memoryMb)) {
                FakeRuntimeApi.Result result = runtime.awaitResult(invocation, Duration.ofSeconds(120));
                if (!(result instanceof FakeRuntimeApi.Result.Success success)) {
                    throw new IllegalStateException("the function did not answer: " + result + "\n" + function.logText());
                }
                Instant started = function.started();
                Instant firstNext = runtime.awaitFirstNext(Duration.ZERO);
                Instant taken = invocation.takenAt().join();
                return new Round(Duration.between(started, firstNext).toMillis(),
                        Duration.between(taken, success.at()).toMillis(),
                        Duration.between(started, success.at()).toMillis(),
                        success.text());
            }
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private record Round(long initMs, long invocationMs, long totalMs, String response) {
    }
}
