package dev.fanout.adapters.local.memory;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.SourceProgress;
import java.util.List;
import java.util.Optional;

/**
 * Yields the envelopes it was built with, in order, then stays exhausted. Progress counts the bytes of
 * the envelopes yielded (a raw bundle's payload, a bad envelope's undecoded value) of the total of all.
 * Thread-safe: one reading thread and any number of threads asking for progress.
 */
public final class InMemoryBundleSource implements BundleSource {

    private final List<BundleEnvelope> envelopes;
    private final List<SkippedInput> skipped;
    private final long bytesTotal;
    private int nextIndex;
    private long bytesRead;
    private boolean closed;

    public InMemoryBundleSource(List<? extends BundleEnvelope> envelopes) {
        this(envelopes, List.of());
    }

    /** A source that also reports {@code skipped} as inputs it passed over. */
    public InMemoryBundleSource(List<? extends BundleEnvelope> envelopes, List<SkippedInput> skipped) {
        this.envelopes = List.copyOf(envelopes);
        this.skipped = List.copyOf(skipped);
        this.bytesTotal = this.envelopes.stream().mapToLong(InMemoryBundleSource::sizeOf).sum();
    }

    public static InMemoryBundleSource of(BundleEnvelope... envelopes) {
        return new InMemoryBundleSource(List.of(envelopes));
    }

    @Override
    public synchronized Optional<BundleEnvelope> next() {
        if (closed || nextIndex == envelopes.size()) {
            return Optional.empty();
        }
        BundleEnvelope envelope = envelopes.get(nextIndex++);
        bytesRead += sizeOf(envelope);
        return Optional.of(envelope);
    }

    @Override
    public synchronized SourceProgress progress() {
        return new SourceProgress(bytesRead, bytesTotal);
    }

    @Override
    public List<SkippedInput> skipped() {
        return skipped;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private static long sizeOf(BundleEnvelope envelope) {
        return switch (envelope) {
            case BundleEnvelope.RawBundle raw -> raw.payload().size();
            case BundleEnvelope.BadEnvelope bad -> bad.undecodedValue().size();
            case BundleEnvelope.TooLarge tooLarge -> tooLarge.prefix().size();
        };
    }
}
