package dev.fanout.domain.row;

import dev.fanout.domain.json.JsonBuffer;
import dev.fanout.ports.Provenance;

/** docs/row-event.md §4.3: a bundle's provenance as the {@code source} object of its rows and dead letters. */
public final class SourceJson {

    private SourceJson() {
    }

    public static void write(Provenance source, JsonBuffer out) {
        switch (source) {
            case Provenance.KafkaRecord kafka -> {
                out.writeAscii("{\"topic\":");
                out.writeString(kafka.topic());
                out.writeAscii(",\"partition\":");
                out.writeLong(kafka.partition());
                out.writeAscii(",\"offset\":");
                out.writeLong(kafka.offset());
                out.writeByte('}');
            }
            case Provenance.JsonLine line -> {
                out.writeAscii("{\"file\":");
                out.writeString(line.file());
                out.writeAscii(",\"line\":");
                out.writeLong(line.line());
                out.writeByte('}');
            }
            case Provenance.WholeFile file -> {
                out.writeAscii("{\"file\":");
                out.writeString(file.file());
                out.writeByte('}');
            }
        }
    }
}
