package dev.fanout.adapters.local.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.contract.BundleSourceContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryBundleSourceTest extends BundleSourceContract {

    @Override
    protected BundleSource sourceOf(List<Payload> bundles) {
        List<BundleEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            envelopes.add(new BundleEnvelope.RawBundle(bundles.get(i), new Provenance.JsonLine("memory", i + 1L)));
        }
        return new InMemoryBundleSource(envelopes);
    }

    @Test
    void next_yieldsBadEnvelopesToo_andCountsTheirUndecodedBytes() {
        // given
        BundleEnvelope bad = new BundleEnvelope.BadEnvelope(new Provenance.KafkaRecord("t", 0, 9), "no value",
                Payload.utf8("%%%%"));
        BundleEnvelope raw = new BundleEnvelope.RawBundle(Payload.utf8("{}"), new Provenance.KafkaRecord("t", 0, 10));
        InMemoryBundleSource source = InMemoryBundleSource.of(bad, raw);

        // when
        Optional<BundleEnvelope> first = source.next();

        // then
        assertThat(first).contains(bad);
        assertThat(source.progress().bytesRead()).isEqualTo(4);
        assertThat(source.progress().bytesTotal()).isEqualTo(6);
    }

    @Test
    void skipped_reportsWhatItWasGiven() {
        // given
        List<SkippedInput> skipped = List.of(new SkippedInput("in/notes.txt", "unknown format"));

        // when
        InMemoryBundleSource source = new InMemoryBundleSource(List.of(), skipped);

        // then
        assertThat(source.skipped()).isEqualTo(skipped);
    }

    @Test
    void next_isEmpty_afterClose() {
        // given
        InMemoryBundleSource source = new InMemoryBundleSource(sourceBundles());

        // when
        source.close();

        // then
        assertThat(source.next()).isEmpty();
        assertThat(source.isClosed()).isTrue();
    }

    private static List<BundleEnvelope> sourceBundles() {
        return List.of(new BundleEnvelope.RawBundle(Payload.utf8("{}"), new Provenance.WholeFile("a.json")));
    }
}
