package dev.fanout.bootstrap.lambda.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the built function jar and the runtime interface client are: system properties that the build sets for
 * the integration tests (bootstrap-lambda/pom.xml, failsafe), so no path is guessed or hard-coded.
 */
public final class LambdaArtifacts {

    /** The built jar's path. */
    public static final String FUNCTION_JAR_PROPERTY = "fanout.lambda.jar";
    /** The runtime interface client's class path (its jar and its dependencies), from the test class path. */
    public static final String RIC_CLASSPATH_PROPERTY = "fanout.lambda.ric.classpath";

    private LambdaArtifacts() {
    }

    /** The built {@code fanout-lambda.jar}. */
    public static Path functionJar() {
        Path jar = Path.of(required(FUNCTION_JAR_PROPERTY));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first (./mvnw -pl bootstrap-lambda -am package)");
        }
        return jar;
    }

    /** The runtime interface client's class path, entries separated by the platform's separator. */
    public static String runtimeClientClassPath() {
        String classPath = required(RIC_CLASSPATH_PROPERTY);
        if (!classPath.contains("aws-lambda-java-runtime-interface-client")) {
            throw new IllegalStateException(RIC_CLASSPATH_PROPERTY + " lacks the runtime interface client: " + classPath);
        }
        return classPath;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + property + " is not set: run the integration tests"
                    + " through Maven (verify), which sets it (bootstrap-lambda/pom.xml, failsafe)");
        }
        return value;
    }
}
