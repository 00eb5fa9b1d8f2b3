package dev.fanout.bootstrap.lambda.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One function as an integration test runs it: the AWS fakes, the fake Runtime API and the built jar in its own
 * JVM with the fakes' endpoints and the given {@code FANOUT_*} variables, one JVM for the whole test class as one
 * Lambda execution environment serves consecutive batches. A JUnit extension
 * ({@code @RegisterExtension static final FunctionUnderTest lambda = FunctionUnderTest.of(…)}): it starts them before
 * the class, forgets the fakes' calls before each test and stops them in reverse order after the class.
 */
public final class FunctionUnderTest implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final String handlerClass;
    private final Map<String, String> variables;
    private AwsFakes aws;
    private FakeRuntimeApi runtime;
    private LambdaProcess function;

    private FunctionUnderTest(String handlerClass, Map<String, String> variables) {
        this.handlerClass = Objects.requireNonNull(handlerClass, "handlerClass");
        this.variables = Map.copyOf(variables);
    }

    /** The function {@code handlerClass} with 1 024 MB and {@code variables} beside the fakes' endpoints. */
    public static FunctionUnderTest of(String handlerClass, Map<String, String> variables) {
        return new FunctionUnderTest(handlerClass, variables);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        aws = new AwsFakes();
        try {
            runtime = FakeRuntimeApi.start();
            Map<String, String> environment = new HashMap<>(aws.endpoints());
            environment.putAll(variables);
            function = LambdaProcess.start(handlerClass, runtime, environment, 1024);
        } catch (RuntimeException | Error e) {
            afterAll(context);
            throw e;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        aws.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (function != null) {
            function.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        aws.close();
    }

    /** Firehose, S3 and CloudWatch fakes. */
    public AwsFakes aws() {
        return aws;
    }

    /** The Runtime API the function polls. */
    public FakeRuntimeApi runtime() {
        return runtime;
    }

    /** The function's JVM. */
    public LambdaProcess function() {
        return function;
    }
}
