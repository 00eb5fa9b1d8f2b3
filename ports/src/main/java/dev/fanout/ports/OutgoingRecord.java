package dev.fanout.ports;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record to put on a topic: a bundle's bytes as its value, exactly as a replay takes them, with the key
 * and headers a recorded Pipes event gave it (none for a bundle from a JSONL or JSON file), and where it came
 * from, to name it in messages.
 */
public record OutgoingRecord(Payload value, Optional<Payload> key, List<Header> headers, Provenance source) {

    /** A record header: a name and raw bytes. */
    public record Header(String name, Payload value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public OutgoingRecord {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(key, "key");
        headers = List.copyOf(headers);
        Objects.requireNonNull(source, "source");
    }

    /** A bundle with no key and no headers. */
    public static OutgoingRecord of(Payload value, Provenance source) {
        return new OutgoingRecord(value, Optional.empty(), List.of(), source);
    }
}
