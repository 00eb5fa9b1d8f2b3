package dev.fanout.bootstrap.lambda.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the function's cold start on this machine, as Lambda would see it without its own sandbox set-up: a new
 * JVM with the runtime interface client and the built jar ({@link LambdaProcess}), from the process start to the
 * first response posted to the Runtime API, with Firehose, S3 and CloudWatch local ({@link AwsFakes}). Prints, per
 * round, the init (start → first {@code GET next}), the first invocation (event taken → response) and the total,
 * then their medians and the function's response. A benchmark, run by {@code benchmarks/lambda-cold-start.sh},
 * never by the test suite.
 *
 * <p>One round first warms the fakes, which live in this JVM (AWS's services are warm), and is not counted. The
 * function runs with the java21 runtime's default JIT setting (C1 only, {@link LambdaProcess#RUNTIME_JAVA_TOOL_OPTIONS})
 * unless the system property {@value #JAVA_TOOL_OPTIONS_PROPERTY} gives the function's own
 * {@code JAVA_TOOL_OPTIONS} (e.g. {@code -XX:TieredStopAtLevel=4}), as its configuration would in Lambda. With
 * {@value #COMPARE_PROPERTY} naming other variants (comma-separated {@code JAR} or {@code JAR::JAVA_TOOL_OPTIONS},
 * an empty {@code JAR} for the built one), the rounds alternate between the built jar and those, so that a
 * before/after comparison sees the same conditions; each variant gets its own medians.
 *
 * <pre>java -cp TEST_CLASSPATH -Dfanout.lambda.jar=… -Dfanout.lambda.ric.classpath=… \
 *     [-Dfanout.lambda.javaToolOptions=…] [-Dfanout.lambda.compareWith=OTHER.jar,…] \
 *     dev.fanout.bootstrap.lambda.runtime.ColdStart ROUNDS EVENT_FILE [HANDLER_CLASS] [MEMORY_MB]</pre>
 */
public final class ColdStart {

    /** The function's {@code JAVA_TOOL_OPTIONS}, when it sets its own; blank or absent for the runtime's default. */
    static final String JAVA_TOOL_OPTIONS_PROPERTY = "fanout.lambda.javaToolOptions";

    /** Other variants ({@code JAR[::JAVA_TOOL_OPTIONS]}) to measure in alternation with the built jar. */
    static final String COMPARE_PROPERTY = "fanout.lambda.compareWith";

    private ColdStart() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        byte[] event = Files.readAllBytes(Path.of(args.length > 1 ? args[1] : "samples/pipes-event.json"));
        String handler = args.length > 2 ? args[2] : "dev.fanout.bootstrap.lambda.PipeTargetHandler";
        int memoryMb = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
        String javaToolOptions = System.getProperty(JAVA_TOOL_OPTIONS_PROPERTY, "").strip();
        List<Variant> variants = new ArrayList<>(List.of(new Variant(LambdaArtifacts.functionJar(), javaToolOptions)));
        Arrays.stream(System.getProperty(COMPARE_PROPERTY, "").split(",")).map(String::strip)
                .filter(variant -> !variant.isEmpty()).map(variant -> Variant.parse(variant, javaToolOptions))
                .forEach(variants::add);
        System.out.printf("cold start of %s (%d MB) on a %d-byte event, %d rounds, java %s, JAVA_TOOL_OPTIONS=%s%n",
                handler, memoryMb, event.length, rounds, Runtime.version(),
                javaToolOptions.isEmpty() ? LambdaProcess.RUNTIME_JAVA_TOOL_OPTIONS + " (the runtime's)"
                        : javaToolOptions + " (the function's)");
        round(variants.getFirst(), event, handler, memoryMb);
        Map<Variant, List<Round>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Variant variant : variants) {
                Round result = round(variant, event, handler, memoryMb);
                results.computeIfAbsent(variant, k -> new ArrayList<>()).add(result);
                System.out.printf("round %d%s: init %d ms, first invocation %d ms, start to first response %d ms%n",
                        round, variants.size() > 1 ? " " + variant : "", result.initMs(), result.invocationMs(),
                        result.totalMs());
            }
        }
        results.forEach((variant, measured) -> {
            String of = variants.size() > 1 ? " of " + variant : "";
            // What every round answered (the same each time): the measure is of a real invocation, not an error.
            System.out.println("response" + of + ": " + measured.getLast().response());
            print("init (JVM start -> first GET next)" + of, measured.stream().map(Round::initMs).toList());
            print("first invocation (event taken -> response)" + of,
                    measured.stream().map(Round::invocationMs).toList());
            print("JVM start -> first response" + of, measured.stream().map(Round::totalMs).toList());
        });
    }

    private static void print(String what, List<Long> values) {
        System.out.printf("median %s: %d ms (min %d, max %d)%n", what, median(values), Collections.min(values),
                Collections.max(values));
    }

    private static Round round(Variant variant, byte[] event, String handler, int memoryMb) {
        try (AwsFakes aws = new AwsFakes(); FakeRuntimeApi runtime = FakeRuntimeApi.start()) {
            Map<String, String> env = new HashMap<>(aws.endpoints());
            env.put("FANOUT_ROWS_STREAM", "fanout-rows");
            env.put("FANOUT_DEAD_LETTER_BUCKET", "fanout-data");
            if (!variant.javaToolOptions().isEmpty()) {
                env.put("JAVA_TOOL_OPTIONS", variant.javaToolOptions());
            }
            FakeRuntimeApi.Invocation invocation = runtime.invoke(event, Duration.ofSeconds(60));
            try (LambdaProcess function = LambdaProcess.start(variant.jar(), handler, runtime.address(), env,
                    memoryMb)) {
                FakeRuntimeApi.Result result = runtime.awaitResult(invocation, Duration.ofSeconds(120));
                if (!(result instanceof FakeRuntimeApi.Result.Success success)) {
                    throw new IllegalStateException("the function did not answer: " + result + "\n" + function.logText());
                }
                Instant started = function.started();
                Instant firstNext = runtime.awaitFirstNext(Duration.ZERO);
                Instant taken = invocation.takenAt().join();
                return new Round(Duration.between(started, firstNext).toMillis(),
                        Duration.between(taken, success.at()).toMillis(),
                        Duration.between(started, success.at()).toMillis(), success.text());
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

    /** A function jar and the {@code JAVA_TOOL_OPTIONS} it runs with (blank: the runtime's). */
    private record Variant(Path jar, String javaToolOptions) {

        /** {@code JAR} or {@code JAR::JAVA_TOOL_OPTIONS}; an empty {@code JAR} is the built one. */
        static Variant parse(String text, String defaultOptions) {
            int split = text.indexOf("::");
            String jar = split < 0 ? text : text.substring(0, split).strip();
            return new Variant(jar.isEmpty() ? LambdaArtifacts.functionJar() : Path.of(jar),
                    split < 0 ? defaultOptions : text.substring(split + 2).strip());
        }

        @Override
        public String toString() {
            return jar.getFileName() + (javaToolOptions.isEmpty() ? "" : " [" + javaToolOptions + "]");
        }
    }
}
