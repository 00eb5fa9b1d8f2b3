package dev.fanout.domain.service;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.SourceProgress;
import java.util.List;
import java.util.Optional;

/** A bundle source over a list, counting the bytes it has handed out; a real small implementation for tests. */
final class ListBundleSource implements BundleSource {

    private final List<BundleEnvelope> envelopes;
    private final List<SkippedInput> skipped;
    private final long total;
    private int next;
    private long read;
    boolean closed;

    ListBundleSource(List<BundleEnvelope> envelopes, List<SkippedInput> skipped) {
        this.envelopes = List.copyOf(envelopes);
        this.skipped = List.copyOf(skipped);
        this.total = this.envelopes.stream().mapToLong(ListBundleSource::size).sum();
    }

    private static long size(BundleEnvelope envelope) {
        return switch (envelope) {
            case BundleEnvelope.RawBundle raw -> raw.payload().size();
            case BundleEnvelope.BadEnvelope bad -> bad.undecodedValue().size();
            case BundleEnvelope.TooLarge tooLarge -> tooLarge.prefix().size();
        };
    }

    @Override
    public Optional<BundleEnvelope> next() {
        if (next == envelopes.size()) {
            return Optional.empty();
        }
        BundleEnvelope envelope = envelopes.get(next++);
        read += size(envelope);
        return Optional.of(envelope);
    }

    @Override
    public SourceProgress progress() {
        return new SourceProgress(read, total);
    }

    @Override
    public List<SkippedInput> skipped() {
        return skipped;
    }

    @Override
    public void close() {
        closed = true;
    }
}
