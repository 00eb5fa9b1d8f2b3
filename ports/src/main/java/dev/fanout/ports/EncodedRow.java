package dev.fanout.ports;

import java.util.Objects;

/** One Row Event v1 row, encoded once to its JSON bytes ({@code json}, without the newline). */
public record EncodedRow(String rowId, PartitionKey partition, Payload json) {

    public EncodedRow {
        Objects.requireNonNull(rowId, "rowId");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(json, "json");
        if (rowId.length() != 32) {
            throw new IllegalArgumentException("a row id has 32 hex characters, got " + rowId);
        }
    }
}
