package dev.fanout.ports;

import java.util.Objects;

/** Where a bundle came from (docs/row-event.md §4.3); every row and dead letter carries it as {@code source}. */
public sealed interface Provenance {

    /** A Kafka record, from an EventBridge Pipes event or a recorded one. */
    record KafkaRecord(String topic, int partition, long offset) implements Provenance {
        public KafkaRecord {
            Objects.requireNonNull(topic, "topic");
        }
    }

    /** One line of a JSONL file; {@code line} is 1-based and counts blank lines. */
    record JsonLine(String file, long line) implements Provenance {
        public JsonLine {
            requireFile(file);
            if (line < 1) {
                throw new IllegalArgumentException("line numbers start at 1, got " + line);
            }
        }
    }

    /** A whole JSON file holding one bundle. */
    record WholeFile(String file) implements Provenance {
        public WholeFile {
            requireFile(file);
        }
    }

    private static void requireFile(String file) {
        Objects.requireNonNull(file, "file");
        if (file.isEmpty()) {
            throw new IllegalArgumentException("a file provenance needs a path");
        }
    }
}
