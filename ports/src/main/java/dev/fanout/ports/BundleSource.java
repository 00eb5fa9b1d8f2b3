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

    @Override
    void close();
}
