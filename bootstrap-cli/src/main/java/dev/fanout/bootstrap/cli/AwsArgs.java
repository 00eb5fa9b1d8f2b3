package dev.fanout.bootstrap.cli;

import static dev.fanout.bootstrap.cli.CommandSpecs.option;
import static dev.fanout.bootstrap.cli.CommandSpecs.value;

import dev.fanout.adapters.aws.AwsClients;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.regions.Region;

/**
 * {@code --region} and the hidden {@code --endpoint-url} of the operator commands that read from AWS
 * ({@code check-secret --secret-id}, {@code verify --bucket}), and the client settings they give.
 */
final class AwsArgs {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private AwsArgs() {
    }

    static void addTo(CommandSpec spec, String what) {
        spec.addOption(option("--region", "REGION", String.class,
                "AWS region of the " + what + " (default: AWS_REGION, then AWS_DEFAULT_REGION). Credentials come"
                        + " from the AWS SDK's default chain.").build());
        // Hidden: AWS_ENDPOINT_URL* serve LocalStack users; this one keeps tests independent of the environment.
        spec.addOption(option("--endpoint-url", "URL", URI.class, "One endpoint for every AWS service (path-style S3).")
                .hidden(true).build());
    }

    /** The settings to reach AWS with; a usage error when no region is known. */
    static AwsClients.Settings settings(CommandSpec spec, CliEnvironment environment, String needer) {
        String region = Optional.ofNullable(value(spec, "--region")).map(r -> ((String) r).strip())
                .filter(r -> !r.isEmpty()).or(environment::awsRegion)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), needer + " needs an AWS region: pass"
                        + " --region or set AWS_REGION (or AWS_DEFAULT_REGION)"));
        AwsClients.Settings settings = AwsClients.Settings.of(Region.of(region), environment.credentials().get())
                .withTimeouts(CONNECT_TIMEOUT, CALL_TIMEOUT);
        URI endpoint = value(spec, "--endpoint-url");
        if (endpoint == null) {
            return settings;
        }
        try {
            return settings.withEndpoint(endpoint).withS3PathStyle(true);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--endpoint-url: " + e.getMessage());
        }
    }
}
