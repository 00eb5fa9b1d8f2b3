package dev.fanout.bootstrap.lambda;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.in.BundleOutcome;
import dev.fanout.ports.in.FanOutBundle;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart's checkpoint and restore hooks (CRaC). Before the snapshot, the hot path runs on a synthetic bundle
 * (decode, flatten, encode, pack), so its classes are loaded and initialised in the snapshot instead of in the
 * first invocation. After a restore, the retry jitter gets a fresh secure seed: every environment restored from
 * one snapshot would otherwise draw the same waits. Nothing else must be dropped: init makes no connection
 * (clients connect at the first call), holds no credentials (the provider reads them at each call) and no ids.
 */
@Singleton
final class SnapStartHooks implements Resource {

    /** An LMDP-like bundle with two points of one metric, enough to walk every stage once. */
    static final String SYNTHETIC_BUNDLE = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":["
            + "{\"key\":\"hostName\",\"value\":{\"stringValue\":\"priming\"}},"
            + "{\"key\":\"hostId\",\"value\":{\"stringValue\":\"1\"}}]},"
            + "\"scopeMetrics\":[{\"scope\":{\"name\":\"priming\"},\"metrics\":[{\"name\":\"priming\",\"gauge\":{"
            + "\"dataPoints\":[{\"timeUnixNano\":\"1763700000000000000\",\"asDouble\":1.5,"
            + "\"attributes\":[{\"key\":\"instance\",\"value\":{\"stringValue\":\"a\"}}]},"
            + "{\"timeUnixNano\":\"1763700000000000000\",\"asInt\":\"2\"}]}}]}]}]}";

    private final FanOutBundle fanOut;
    private final RowPacking packing;
    private final ReseedableRandom jitter;

    @Inject
    SnapStartHooks(FanOutBundle fanOut, RowPacking packing, ReseedableRandom jitter) {
        this.fanOut = fanOut;
        this.packing = packing;
        this.jitter = jitter;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        jitter.reseed();
    }

    /** Runs decode, flatten, encode and pack once on the synthetic bundle; returns how many rows it made. */
    int prime() {
        BundleOutcome outcome = fanOut.fanOut(new BundleEnvelope.RawBundle(
                new Payload(SYNTHETIC_BUNDLE.getBytes(StandardCharsets.UTF_8)),
                new Provenance.KafkaRecord("priming", 0, 0)));
        packing.pack(outcome.rows());
        return outcome.rows().size();
    }
}
