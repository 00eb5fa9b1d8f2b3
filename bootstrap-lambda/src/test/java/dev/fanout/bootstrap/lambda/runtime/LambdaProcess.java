package dev.fanout.bootstrap.lambda.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built function jar running in its own JVM under the runtime interface client, laid out as the java21
 * managed runtime lays it out: the client's jars on the JVM's class path, main class
 * {@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}, the handler string as the one argument, and the
 * function's code in the task root ({@code user.dir}), which the client's own class loader reads ({@code /lib/*.jar}
 * under the task root), so the handler is loaded as in Lambda: by a child of the class loader holding the client
 * and its {@code aws-lambda-java-core}. The environment is a Lambda's and nothing else (never the developer's AWS
 * profile): {@code AWS_LAMBDA_RUNTIME_API}, region, static credentials, the function's name, memory, version,
 * log group and JSON log format, plus what the test adds. The heap is capped at the function's memory. The JIT stops
 * at C1 as the java21 runtime makes it stop: through {@code JAVA_TOOL_OPTIONS} ({@link #RUNTIME_JAVA_TOOL_OPTIONS}),
 * which a function's own {@code JAVA_TOOL_OPTIONS} replaces (AWS documents setting
 * {@code -XX:TieredStopAtLevel=4} that way for compute-intensive functions). Standard output and error are collected
 * as the function's log.
 */
public final class LambdaProcess implements AutoCloseable {

    /** The main class of the runtime interface client (its {@code AWSLambda.main(String[] {handler})}). */
    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /**
     * The java21 runtime's tiered-compilation default, in the environment so that a function's configuration can
     * replace it (the JVM reads {@code JAVA_TOOL_OPTIONS} before its command line, which would otherwise win).
     */
    public static final String RUNTIME_JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private final Process process;
    private final Path taskRoot;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Instant started;

    private LambdaProcess(Process process, Path taskRoot, Instant started) {
        this.process = process;
        this.taskRoot = taskRoot;
        this.started = started;
        Thread reader = new Thread(this::collectLog, "lambda-log");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code handlerClass}'s {@code handleRequest} in the jar at {@link LambdaArtifacts#functionJar()} with
     * the runtime interface client at {@link LambdaArtifacts#runtimeClientClassPath()}.
     *
     * @param runtimeApi  the {@code AWS_LAMBDA_RUNTIME_API} the function talks to
     * @param environment the function's configuration (FANOUT_*, endpoint overrides, {@code JAVA_TOOL_OPTIONS}),
     *                    added to Lambda's own and replacing it where both name a variable
     * @param memoryMb    the function's memory size
     */
    public static LambdaProcess start(String handlerClass, FakeRuntimeApi runtimeApi, Map<String, String> environment,
                                      int memoryMb) {
        return start(LambdaArtifacts.functionJar(), handlerClass, runtimeApi.address(), environment, memoryMb);
    }

    /** As {@link #start(String, FakeRuntimeApi, Map, int)}, for any jar and Runtime API address. */
    public static LambdaProcess start(Path functionJar, String handlerClass, String runtimeApi,
                                      Map<String, String> environment, int memoryMb) {
        Objects.requireNonNull(handlerClass, "handlerClass");
        try {
            Path taskRoot = Files.createTempDirectory("lambda-task-");
            Files.createDirectories(taskRoot.resolve("lib"));
            Files.createSymbolicLink(taskRoot.resolve("lib").resolve(functionJar.getFileName()),
                    functionJar.toAbsolutePath());
            ProcessBuilder builder = new ProcessBuilder(command(handlerClass, memoryMb))
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(lambdaEnvironment(runtimeApi, handlerClass, taskRoot, memoryMb));
            builder.environment().putAll(environment);
            Instant started = Instant.now();
            return new LambdaProcess(builder.start(), taskRoot, started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JVM command line: the test's own JVM (JDK 21 or newer), flags as close to the java21 runtime's as known
     * (its tiered-compilation setting is in the environment instead).
     */
    static List<String> command(String handlerClass, int memoryMb) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        // The function's memory is the whole machine's; most of it for the heap.
        command.add("-Xmx" + Math.max(64, memoryMb * 85 / 100) + "m");
        // The client loads its JNI library (System.load) and reads fields through sun.misc.Unsafe; newer JDKs warn
        // about both unless allowed, as the managed runtimes allow them.
        command.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-cp");
        command.add(LambdaArtifacts.runtimeClientClassPath());
        command.add(RIC_MAIN);
        command.add(handlerClass + "::handleRequest");
        return command;
    }

    private static Map<String, String> lambdaEnvironment(String runtimeApi, String handlerClass, Path taskRoot,
                                                         int memoryMb) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("JAVA_TOOL_OPTIONS", RUNTIME_JAVA_TOOL_OPTIONS);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", handlerClass + "::handleRequest");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "fanout-it");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/fanout-it");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/05/[$LATEST]0123456789abcdef");
        env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        env.put("AWS_REGION", "us-west-2");
        env.put("AWS_DEFAULT_REGION", "us-west-2");
        // Lambda hands the execution role's session credentials in the environment; these are fakes.
        env.put("AWS_ACCESS_KEY_ID", "ASIAFANOUTIT000000000");
        env.put("AWS_SECRET_ACCESS_KEY", "fanout-it-secret-key-not-a-real-one-000000");
        env.put("AWS_SESSION_TOKEN", "fanout-it-session-token");
        return env;
    }

    /** The function JVM's process id, to look at its threads and heap from outside. */
    public long pid() {
        return process.pid();
    }

    /** When the JVM was started. */
    public Instant started() {
        return started;
    }

    /** The function's log so far: standard output and error, one entry per line. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** The log as one text, for assertion messages. */
    public String logText() {
        return String.join("\n", log);
    }

    /** Waits up to {@code wait} for the JVM to end; its exit status, or -1 while it still runs. */
    public int awaitExit(Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the JVM (as Lambda ends an environment) and removes its task root. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            try (Stream<Path> files = Files.list(taskRoot.resolve("lib"))) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(taskRoot.resolve("lib"));
            Files.deleteIfExists(taskRoot);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private void collectLog() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                log.add(line);
            }
        } catch (IOException e) {
            log.add("(log closed: " + e.getMessage() + ")");
        }
    }
}
