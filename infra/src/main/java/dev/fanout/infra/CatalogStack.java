package dev.fanout.infra;

import dev.fanout.infra.config.DeploymentConfig;
import dev.fanout.infra.constructs.Catalog;
import dev.fanout.infra.constructs.Storage;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** How the data is queried: Glue database, table and view, Athena workgroup. Changes without touching data. */
public final class CatalogStack extends Stack {

    private final Catalog catalog;

    CatalogStack(Construct scope, String id, StackProps props, DeploymentConfig config, Storage storage) {
        super(scope, id, props);
        catalog = new Catalog(this, "Catalog", config, storage.dataBucket(), storage.key());
    }

    public Catalog catalog() {
        return catalog;
    }
}
