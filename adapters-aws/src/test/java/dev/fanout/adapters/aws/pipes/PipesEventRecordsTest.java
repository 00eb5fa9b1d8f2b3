package dev.fanout.adapters.aws.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.OutgoingRecord;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link PipesEventRecords}: the envelopes {@link PipesEventDecoder} gives, plus each record's key and headers. */
class PipesEventRecordsTest {

    private static final Provenance FALLBACK = new Provenance.WholeFile("event.json");

    @Test
    void decode_givesTheDecodersEnvelopes_andKeepsEachRecordsKeyAndHeaders() {
        // given: signed and unsigned header bytes, a record without key or headers
        String event = "[{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"key\":\"" + PipesEvents.base64("host-7")
                + "\",\"headers\":[{\"h\":[104,105]},{\"bin\":[-1,255,0]}],\"value\":\"" + PipesEvents.base64("{}")
                + "\"},{\"topic\":\"t\",\"partition\":\"0\",\"offset\":2,\"value\":\"" + PipesEvents.base64("[]")
                + "\"}]";
        PipesEventRecords records = new PipesEventRecords();

        // when
        List<BundleEnvelope> envelopes = records.decode(Payload.utf8(event), FALLBACK).orElseThrow();

        // then
        assertThat(envelopes).isEqualTo(new PipesEventDecoder().decode(Payload.utf8(event), FALLBACK).orElseThrow());
        OutgoingRecord first = records.outgoing((BundleEnvelope.RawBundle) envelopes.get(0));
        assertThat(first.key()).contains(Payload.utf8("host-7"));
        assertThat(first.headers()).containsExactly(new OutgoingRecord.Header("h", Payload.utf8("hi")),
                new OutgoingRecord.Header("bin", new Payload(new byte[] {(byte) 0xFF, (byte) 0xFF, 0})));
        assertThat(first.value()).isEqualTo(new Payload("{}".getBytes(StandardCharsets.UTF_8)));
        OutgoingRecord second = records.outgoing((BundleEnvelope.RawBundle) envelopes.get(1));
        assertThat(second.key()).isEqualTo(Optional.empty());
        assertThat(second.headers()).isEmpty();
        assertThat(second.source()).isEqualTo(new Provenance.KafkaRecord("t", 0, 2));
    }

    @Test
    void outgoing_ofABundleFromNoEvent_hasNoKeyAndNoHeaders() {
        // given
        BundleEnvelope.RawBundle line = new BundleEnvelope.RawBundle(Payload.utf8("{}"),
                new Provenance.JsonLine("a.jsonl", 1));

        // when
        OutgoingRecord record = new PipesEventRecords().outgoing(line);

        // then
        assertThat(record).isEqualTo(OutgoingRecord.of(Payload.utf8("{}"), line.source()));
    }
}
