package dev.fanout.infra;

import dev.fanout.infra.config.DeploymentConfig;
import dev.fanout.infra.constructs.Alarms;
import dev.fanout.infra.constructs.Delivery;
import dev.fanout.infra.constructs.Network;
import dev.fanout.infra.constructs.Pipe;
import dev.fanout.infra.constructs.PipeAuth;
import dev.fanout.infra.constructs.Storage;
import dev.fanout.infra.constructs.Transform;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * What moves the data: Firehose stream, fan-out function, the pipe with its role (and, when asked, the cluster
 * security group's rules), and the alarms. One stack, because these change together and refer to one
 * another; nothing in it holds data, so it can be deleted and deployed again at any time.
 */
public final class PipelineStack extends Stack {

    private final Delivery delivery;
    private final Transform transform;
    private final Optional<Network> network;
    private final PipeAuth auth;
    private final Pipe pipe;
    private final Alarms alarms;

    PipelineStack(Construct scope, String id, StackProps props, DeploymentConfig config, Storage storage) {
        super(scope, id, props);
        delivery = new Delivery(this, "Delivery", storage.dataBucket(), storage.key(), config.delivery());
        transform = new Transform(this, "Transform", config, storage.dataBucket(), storage.key(),
                delivery.streamName(), delivery.streamArn());
        network = config.clusterSecurityGroupId().map(group -> new Network(this, "Network", group));
        auth = new PipeAuth(this, "Auth", config);
        pipe = new Pipe(this, "Pipe", config, auth.role(), transform.alias(), delivery.streamArn());
        pipe.pipe().getNode().addDependency(auth);
        network.ifPresent(rules -> pipe.pipe().getNode().addDependency(rules));
        alarms = new Alarms(this, "Alarms", config, transform.function(), delivery.streamName(), pipe.pipeName());
    }

    public Delivery delivery() {
        return delivery;
    }

    public Transform transform() {
        return transform;
    }

    public Optional<Network> network() {
        return network;
    }

    public PipeAuth auth() {
        return auth;
    }

    public Pipe pipe() {
        return pipe;
    }

    public Alarms alarms() {
        return alarms;
    }
}
