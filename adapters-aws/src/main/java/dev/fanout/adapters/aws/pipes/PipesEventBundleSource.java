package dev.fanout.adapters.aws.pipes;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.SourceProgress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bundles of one EventBridge Pipes Kafka event, as the Lambda target receives it: the records'
 * envelopes in order, read lazily (the same reading as {@link PipesEventDecoder}). Progress counts the
 * event's bytes. Bytes that are not a Pipes event (not UTF-8 JSON, not a top-level array, broken
 * midway) throw {@link PortException}: a Lambda handed something else is misconfigured.
 */
public final class PipesEventBundleSource implements BundleSource {

    private final long size;
    private final PipesRecordReader reader;
    private boolean closed;
    private boolean started;

    /**
     * @param event    the event bytes, a JSON array of Kafka records
     * @param fallback the provenance of records that carry no usable topic, partition and offset
     * @throws PortException when the bytes do not start a JSON array
     */
    public PipesEventBundleSource(Payload event, Provenance fallback) {
        this(event, fallback, PipesEventDecoder.DEFAULT_MAX_BUNDLE_BYTES);
    }

    /**
     * @param event          the event bytes, a JSON array of Kafka records
     * @param fallback       the provenance of records that carry no usable topic, partition and offset
     * @param maxBundleBytes the bundle limit: a record whose value decodes to more becomes a
     *                       {@link dev.fanout.ports.BundleEnvelope.TooLarge}, never a decoded array
     * @throws PortException when the bytes do not start a JSON array
     */
    public PipesEventBundleSource(Payload event, Provenance fallback, long maxBundleBytes) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(fallback, "fallback");
        this.size = event.size();
        try {
            this.reader = PipesRecordReader.open(event, fallback, maxBundleBytes);
        } catch (PipesRecordReader.NotAnEvent e) {
            throw notAnEvent(e);
        }
    }

    @Override
    public Optional<BundleEnvelope> next() {
        if (closed) {
            throw new IllegalStateException("the Pipes event source is closed");
        }
        started = true;
        try {
            return reader.next();
        } catch (PipesRecordReader.NotAnEvent e) {
            throw notAnEvent(e);
        }
    }

    @Override
    public SourceProgress progress() {
        return new SourceProgress(started ? reader.bytesRead() : 0, size);
    }

    @Override
    public List<SkippedInput> skipped() {
        return List.of();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            reader.close();
        }
    }

    private PortException notAnEvent(PipesRecordReader.NotAnEvent e) {
        return new PortException("The Lambda input is not an EventBridge Pipes Kafka event (" + e.getMessage()
                + ", " + size + " bytes). A Pipes target receives a JSON array of Kafka records with base64"
                + " values; check that the function is invoked by the pipe and not by another trigger.", e);
    }
}
