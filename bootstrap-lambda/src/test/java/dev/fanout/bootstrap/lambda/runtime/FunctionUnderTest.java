package dev.fanout.bootstrap.lambda.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One function as an integration test runs it: the AWS fakes, the fake Runtime API and the built jar in its own
 * JVM with the fakes' endpoints and the given {@code FANOUT_*} variables. Closing stops them in reverse order.
 *
 * @param aws      Firehose, S3 and CloudWatch fakes
 * @param runtime  the Runtime API the function polls
 * @param function the function's JVM
 */
public record FunctionUnderTest(AwsFakes aws, FakeRuntimeApi runtime, LambdaProcess function)
        implements AutoCloseable {

    public FunctionUnderTest {
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(function, "function");
    }

    /** Starts the fakes, then the function with 1 024 MB and {@code variables} beside the fakes' endpoints. */
    public static FunctionUnderTest start(String handlerClass, Map<String, String> variables) {
        AwsFakes aws = new AwsFakes();
        FakeRuntimeApi runtime = null;
        try {
            runtime = FakeRuntimeApi.start();
            Map<String, String> environment = new HashMap<>(aws.endpoints());
            environment.putAll(variables);
            return new FunctionUnderTest(aws, runtime, LambdaProcess.start(handlerClass, runtime, environment, 1024));
        } catch (RuntimeException | Error e) {
            if (runtime != null) {
                runtime.close();
            }
            aws.close();
            throw e;
        }
    }

    @Override
    public void close() {
        function.close();
        runtime.close();
        aws.close();
    }
}
