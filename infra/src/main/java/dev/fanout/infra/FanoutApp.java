package dev.fanout.infra;

import dev.fanout.infra.config.DeploymentConfig;
import dev.fanout.infra.config.InvalidContextException;
import dev.fanout.infra.constructs.Alarms;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: three stacks (storage, catalog, pipeline) in the MSK cluster's account and region, checked by
 * cdk-nag's AwsSolutions rules, whose reports (one per stack) are written beside the templates.
 *
 * <p>Run by the CDK CLI through cdk.json ({@code npx aws-cdk@2.1148.1 synth -c mskClusterArn=… …}), or
 * without it: {@code java -cp … dev.fanout.infra.FanoutApp mskClusterArn=… topic=… mtlsSecretArn=…}
 * (arguments {@code key=value} are context; the templates go to {@code cdk.out}).
 */
public final class FanoutApp {

    /** Feature flags this app relies on, so a synth gives the same templates with or without cdk.json. */
    static final Map<String, Object> FEATURE_FLAGS = Map.of(
            // Access logs are delivered under a bucket policy, not an ACL (the log bucket enforces ownership).
            "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true,
            // The pipeline and catalog stacks import the bucket and key from the storage stack; strong references
            // refuse to delete or change them while a stack still uses them.
            "@aws-cdk/core:defaultCrossStackReferences", "strong");

    private FanoutApp() {
    }

    /**
     * The deployment: its app, validated configuration and stacks.
     *
     * @param app      the CDK app; {@code app.synth()} writes the templates and nag reports
     * @param config   what the context said
     * @param storage  the data stack
     * @param catalog  the query stack
     * @param pipeline the moving parts
     */
    public record Deployment(App app, DeploymentConfig config, StorageStack storage, CatalogStack catalog,
            PipelineStack pipeline) {

        public Deployment {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(catalog, "catalog");
            Objects.requireNonNull(pipeline, "pipeline");
        }
    }

    public static void main(String[] args) {
        Map<String, Object> context = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("fanout infra: arguments are context values key=value, got '" + arg + "'");
                System.exit(2);
            }
            context.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Deployment deployment;
        try {
            deployment = create(context, null);
        } catch (InvalidContextException e) {
            System.err.println("fanout infra: " + e.getMessage());
            System.exit(1);
            return;
        }
        deployment.app().synth();
    }

    /**
     * Builds the app from {@code context} (plus whatever the CDK CLI passes in the environment) into
     * {@code outdir} ({@code null}: the CLI's choice, else {@code cdk.out}).
     *
     * @throws InvalidContextException when a context value is missing or wrong; it names the key
     */
    public static Deployment create(Map<String, ?> context, String outdir) {
        Map<String, Object> appContext = new HashMap<>(FEATURE_FLAGS);
        appContext.putAll(context);
        AppProps.Builder props = AppProps.builder().context(appContext);
        if (outdir != null) {
            props.outdir(outdir);
        }
        App app = new App(props.build());
        Map<String, Object> values = new HashMap<>();
        for (String key : DeploymentConfig.KEYS) {
            Object value = app.getNode().tryGetContext(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        DeploymentConfig config = DeploymentConfig.fromContext(values);
        // Every stack goes where the cluster is: a pipe reads only a cluster of its own account and region.
        Environment clusters = Environment.builder().account(config.mskCluster().account())
                .region(config.mskCluster().region()).build();
        String prefix = config.stackPrefix();
        StorageStack storage = new StorageStack(app, prefix + "Storage", props(clusters,
                "Fanout data: KMS key, data bucket (rows/, dead-letters/, firehose-errors/), access logs"), config);
        CatalogStack catalog = new CatalogStack(app, prefix + "Catalog", props(clusters,
                "Fanout catalog: Glue table and deduplicated view over rows/, Athena workgroup"), config,
                storage.storage());
        PipelineStack pipeline = new PipelineStack(app, prefix + "Pipeline", props(clusters,
                "Fanout pipeline: MSK topic -> EventBridge Pipe -> Lambda -> Firehose -> S3, with alarms"), config,
                storage.storage());
        Tags.of(app).add(Alarms.DEPLOYMENT_TAG, prefix);
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().reports(true).verbose(true).build());
        return new Deployment(app, config, storage, catalog, pipeline);
    }

    private static StackProps props(Environment environment, String description) {
        return StackProps.builder().env(environment).description(description).build();
    }
}
