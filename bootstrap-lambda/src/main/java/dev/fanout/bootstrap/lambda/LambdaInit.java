package dev.fanout.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.crac.Core;

/**
 * A handler's init, done once per execution environment in its static initialiser: the configuration read from
 * the environment, the Dagger component built from it (its whole graph: the SDK clients made on a background
 * thread while this one primes the first invocation's paths, {@link Warmup}), the SnapStart hooks registered. A bad
 * configuration is logged as one JSON line naming the variable and kept: the handler's constructor, which the
 * runtime calls right after the static initialiser, throws it ({@link #requireConfigured()}), so the function
 * fails its init with an error that names the variable and never takes an invocation. (Thrown from the static
 * initialiser itself, it would reach the Runtime API only as "Error loading class …", without its message.)
 *
 * @param <C> the handler's component
 */
final class LambdaInit<C> {

    /** Set by the Lambda runtime for its runtime interface client. */
    static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";

    private static final LambdaLogger STDERR = new LambdaLogger() {
        @Override
        public void log(String message) {
            System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
            System.err.println(new String(message, StandardCharsets.UTF_8).stripTrailing());
        }
    };

    private final HandlerKind kind;
    private final LambdaConfig config;
    private final C component;
    /** Held here: the CRaC context may keep its resources only weakly. */
    private final SnapStartHooks hooks;
    /** Why init failed; null when it did not. */
    private final ConfigException misconfiguration;

    private LambdaInit(HandlerKind kind, LambdaConfig config, C component, SnapStartHooks hooks,
                       ConfigException misconfiguration) {
        this.kind = kind;
        this.config = config;
        this.component = component;
        this.hooks = hooks;
        this.misconfiguration = misconfiguration;
    }

    /**
     * The init of this process: its environment, the runtime's logger, the global CRaC context. A bad
     * configuration is logged and kept for {@link #requireConfigured()}, never thrown from here.
     */
    static <C> LambdaInit<C> fromEnvironment(HandlerKind kind, Function<LambdaConfig, C> components,
                                             Function<C, ?> logicOf, Function<C, SnapStartHooks> hooksOf,
                                             Function<C, Warmup> warmupOf) {
        Map<String, String> environment = LambdaConfig.processEnvironment();
        // In Lambda the runtime's logger; elsewhere (invoke-local) stderr, so stdout carries only the response.
        LambdaLogger logger = environment.containsKey(RUNTIME_API) ? LambdaRuntime.getLogger() : STDERR;
        LambdaInit<C> init;
        try {
            init = of(environment, kind, components, logicOf, hooksOf, warmupOf, logger);
        } catch (ConfigException e) {
            return new LambdaInit<>(kind, null, null, null, e);
        }
        Core.getGlobalContext().register(init.hooks);
        return init;
    }

    /**
     * The init that {@code environment} describes.
     *
     * @throws ConfigException naming the variable, after logging it on {@code logger}
     */
    static <C> LambdaInit<C> of(Map<String, String> environment, HandlerKind kind, Function<LambdaConfig, C> components,
                                Function<C, ?> logicOf, Function<C, SnapStartHooks> hooksOf,
                                Function<C, Warmup> warmupOf, LambdaLogger logger) {
        Objects.requireNonNull(kind, "kind");
        try {
            LambdaConfig config = LambdaConfig.of(environment, kind);
            CompletableFuture<JvmFacts> jvm = JvmFacts.readBeside();
            C component = components.apply(config);
            // The SDK clients on one core, the first invocation's paths primed on the other (Lambda's init has the
            // sandbox's CPU), then the whole graph (Dagger makes singletons on first use): init is where that time
            // belongs, and what SnapStart's snapshot keeps.
            warmupOf.apply(component).run();
            logicOf.apply(component);
            SnapStartHooks hooks = hooksOf.apply(component);
            logInit(logger, kind, jvm.join(), hooks.prime());
            return new LambdaInit<>(kind, config, component, hooks, null);
        } catch (ConfigException e) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("level", "ERROR");
            line.put("event", "init_failed");
            line.put("handler", kind.cliName());
            line.put("variable", e.variable());
            line.put("message", e.getMessage());
            JsonLog.write(logger, LogLevel.ERROR, line);
            throw e;
        }
    }

    /**
     * One line per execution environment: what the JVM runs with (the compilation tier decides a batch's CPU time,
     * and only the JVM knows whether the function's {@code JAVA_TOOL_OPTIONS} won) and whether priming worked
     * (a failure only leaves its work to the first invocation, but should not go unseen).
     */
    private static void logInit(LambdaLogger logger, HandlerKind kind, JvmFacts jvm, Priming.Outcome primed) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("level", "INFO");
        line.put("event", "init");
        line.put("handler", kind.cliName());
        line.putAll(jvm.logFields());
        line.put("primed", primed.failure().isEmpty());
        primed.failure().ifPresent(failure -> line.put("primingFailure", failure.getClass().getName()));
        JsonLog.write(logger, LogLevel.INFO, line);
    }

    /**
     * Called by the handler's constructor, which the runtime calls once, right after the static initialiser.
     *
     * @throws ConfigException naming the variable, when the configuration was bad
     */
    void requireConfigured() {
        if (misconfiguration != null) {
            throw misconfiguration;
        }
    }

    HandlerKind kind() {
        return kind;
    }

    LambdaConfig config() {
        requireConfigured();
        return config;
    }

    C component() {
        requireConfigured();
        return component;
    }

    SnapStartHooks hooks() {
        requireConfigured();
        return hooks;
    }
}
