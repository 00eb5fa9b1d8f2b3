package dev.fanout.ports;

import java.time.Instant;
import java.util.List;

/** Where rejected bundles and points are kept, under {@code dead-letters/reason=<reason>/}. */
public interface DeadLetterSink extends AutoCloseable {

    /** Writes the dead letters by {@code deadline}; the ones it could not write come back as refusals. */
    WriteOutcome<DeadLetter> write(List<DeadLetter> letters, Instant deadline);

    /** Makes everything written so far durable and visible. */
    @Override
    void close();
}
