package dev.fanout.adapters.aws.pipes;

import dev.fanout.ports.BundleSource;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.contract.BundleSourceContract;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The {@link BundleSource} contract, for a Pipes event carrying the bundles as Kafka record values. */
class PipesEventBundleSourceContractTest extends BundleSourceContract {

    @Override
    protected BundleSource sourceOf(List<Payload> bundles) {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            records.add(PipesEvents.mskRecord("lm.metrics.otlp", i % 2 == 0 ? "\"" + i % 3 + "\"" : String.valueOf(i % 3),
                    String.valueOf(5_000 + i), "\"" + Base64.getEncoder().encodeToString(bundles.get(i).bytes()) + "\""));
        }
        return new PipesEventBundleSource(PipesEvents.payload(PipesEvents.event(records)),
                new Provenance.WholeFile("pipes-event.json"));
    }
}
