package dev.fanout.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.crac.Core;

/**
 * A handler's init, done once per execution environment in its static initialiser: the configuration read from
 * the environment, the Dagger component built from it (its whole graph), the SnapStart hooks registered. A bad
 * configuration is logged as one JSON line naming the variable and thrown, so the function fails its init and
 * never takes an invocation with it. The runtime interface client reports a failed static initialiser as
 * "Error loading class …" without the cause's message: the log line is where the variable is named
 * (InitFailureIT).
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
            System.err.println(new String(message, StandardCharsets.UTF_8));
        }
    };

    private final HandlerKind kind;
    private final LambdaConfig config;
    private final C component;
    /** Held here: the CRaC context may keep its resources only weakly. */
    private final SnapStartHooks hooks;

    private LambdaInit(HandlerKind kind, LambdaConfig config, C component, SnapStartHooks hooks) {
        this.kind = kind;
        this.config = config;
        this.component = component;
        this.hooks = hooks;
    }

    /** The init of this process: its environment, the runtime's logger, the global CRaC context. */
    static <C> LambdaInit<C> fromEnvironment(HandlerKind kind, Function<LambdaConfig, C> components,
                                             Function<C, ?> logicOf, Function<C, SnapStartHooks> hooksOf) {
        Map<String, String> environment = LambdaConfig.processEnvironment();
        // In Lambda the runtime's logger; elsewhere (invoke-local) stderr, so stdout carries only the response.
        LambdaLogger logger = environment.containsKey(RUNTIME_API) ? LambdaRuntime.getLogger() : STDERR;
        LambdaInit<C> init = of(environment, kind, components, logicOf, hooksOf, logger);
        Core.getGlobalContext().register(init.hooks);
        return init;
    }

    /**
     * The init that {@code environment} describes.
     *
     * @throws ConfigException naming the variable, after logging it on {@code logger}
     */
    static <C> LambdaInit<C> of(Map<String, String> environment, HandlerKind kind, Function<LambdaConfig, C> components,
                                Function<C, ?> logicOf, Function<C, SnapStartHooks> hooksOf, LambdaLogger logger) {
        Objects.requireNonNull(kind, "kind");
        try {
            LambdaConfig config = LambdaConfig.of(environment, kind);
            C component = components.apply(config);
            // The whole graph now, SDK clients included (Dagger makes singletons on first use): init is where
            // that time belongs, and what SnapStart's snapshot keeps.
            logicOf.apply(component);
            return new LambdaInit<>(kind, config, component, hooksOf.apply(component));
        } catch (ConfigException e) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("level", "ERROR");
            line.put("event", "init_failed");
            line.put("handler", kind.cliName());
            line.put("variable", e.variable());
            line.put("message", e.getMessage());
            logger.log(JsonLog.render(line));
            throw e;
        }
    }

    HandlerKind kind() {
        return kind;
    }

    LambdaConfig config() {
        return config;
    }

    C component() {
        return component;
    }

    SnapStartHooks hooks() {
        return hooks;
    }
}
