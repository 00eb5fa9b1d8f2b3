package dev.fanout.ports;

import java.util.List;
import java.util.Optional;

/** Yields raw bundles in a deterministic order: files, a Pipes event, memory. */
public interface BundleSource extends AutoCloseable {

    /** The next envelope, or empty once the source is exhausted; {@link PortException} on an outage. */
    Optional<BundleEnvelope> next();

    /** Bytes read so far, of the total when known; for progress reporting. */
    SourceProgress progress();

    /** Inputs passed over so far (files whose name says no known format). */
    List<SkippedInput> skipped();

    /**
     * Inputs that could not be read to their end so far (all of them once {@link #next()} returned empty);
     * what was read of them before the damage was yielded. None for sources that read memory.
     */
    default List<DamagedInput> damaged() {
        return List.of();
    }

    @Override
    void close();
}
