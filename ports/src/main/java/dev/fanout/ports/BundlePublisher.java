package dev.fanout.ports;

/** Puts bundles on a topic the way the producer of record does (LMDP to Kafka), for smoke tests. */
public interface BundlePublisher extends AutoCloseable {

    /**
     * Sends every record, in order, and returns once each was acknowledged or refused. {@link PortException}
     * when nothing can be sent at all (the connection or the handshake is refused, the topic does not exist),
     * with a message that says what to check.
     */
    PublishOutcome publish(Iterable<OutgoingRecord> records);

    @Override
    void close();
}
