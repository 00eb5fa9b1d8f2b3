package dev.fanout.domain.batch;

import dev.fanout.ports.WriteOutcome;
import java.time.Instant;
import java.util.List;

/**
 * One attempt at writing a batch: {@code RowSink::write} and {@code DeadLetterSink::write} both fit. Every
 * item handed over comes back either written or refused; an outage throws {@link dev.fanout.ports.PortException}.
 */
@FunctionalInterface
public interface BatchWriter<T> {

    WriteOutcome<T> write(List<T> items, Instant deadline);
}
