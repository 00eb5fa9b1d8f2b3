package dev.fanout.domain.batch;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Test rows and dead letters. */
final class Rows {

    private Rows() {
    }

    static List<EncodedRow> rows(int count) {
        return IntStream.range(0, count).mapToObj(Rows::row).toList();
    }

    static EncodedRow row(int ordinal) {
        String rowId = "0123456789abcdef01234567" + String.format("%08x", ordinal);
        return new EncodedRow(rowId, new PartitionKey("acme", "cpu", "2025-11-21", "03"),
                Payload.utf8("{\"schemaVersion\":1,\"rowId\":\"" + rowId + "\"}"));
    }

    static List<DeadLetter> deadLetters(int count) {
        return IntStream.range(0, count).mapToObj(i -> new DeadLetter(RejectionReason.BUNDLE_MALFORMED_JSON,
                new Provenance.KafkaRecord("t", 0, i), Optional.empty(), Optional.empty(),
                Payload.utf8("{\"schemaVersion\":1,\"kind\":\"bundle\",\"offset\":" + i + "}"))).toList();
    }
}
