package dev.fanout.infra;

import dev.fanout.infra.config.DeploymentConfig;
import dev.fanout.infra.constructs.Storage;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** The data: key, data bucket and access log bucket. Long-lived; its buckets and key outlive the stack. */
public final class StorageStack extends Stack {

    private final Storage storage;

    StorageStack(Construct scope, String id, StackProps props, DeploymentConfig config) {
        super(scope, id, props);
        storage = new Storage(this, "Storage", config.retentionDays());
    }

    public Storage storage() {
        return storage;
    }
}
