package dev.fanout.adapters.aws.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.Provenance;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirehoseTransformEventDecoderTest {

    private static List<FirehoseTransformEventDecoder.TransformRecord> decode(String event) {
        List<FirehoseTransformEventDecoder.TransformRecord> records = new ArrayList<>();
        try (FirehoseTransformEventDecoder decoder = FirehoseTransformEventDecoder.open(Payload.utf8(event))) {
            for (Optional<FirehoseTransformEventDecoder.TransformRecord> next = decoder.next(); next.isPresent();
                 next = decoder.next()) {
                records.add(next.get());
            }
        }
        return records;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void next_yieldsEachRecordsIdAndBundle_inOrder_whereverTheOtherKeysStand() {
        // given
        String event = "{\"invocationId\":\"i-1\",\"records\":[{\"recordId\":\"a\",\"approximateArrivalTimestamp\":1,"
                + "\"data\":\"" + base64("{\"resourceMetrics\":[]}") + "\"},{\"data\":\"" + base64("{}")
                + "\",\"recordId\":\"b\",\"extra\":{\"nested\":[1,2]}}],\"deliveryStreamArn\":\"arn\",\"region\":\"x\"}";

        // when
        List<FirehoseTransformEventDecoder.TransformRecord> records = decode(event);

        // then
        assertThat(records).extracting(FirehoseTransformEventDecoder.TransformRecord::recordId).containsExactly("a", "b");
        assertThat(records.getFirst().envelope()).isEqualTo(new BundleEnvelope.RawBundle(
                Payload.utf8("{\"resourceMetrics\":[]}"), new Provenance.WholeFile("firehose/a")));
        assertThat(((BundleEnvelope.RawBundle) records.get(1).envelope()).payload()).isEqualTo(Payload.utf8("{}"));
    }

    @Test
    void next_readsTheKafkaRecordValue_ofAStreamFedByMsk() {
        // when
        List<FirehoseTransformEventDecoder.TransformRecord> records = decode("{\"records\":[{\"recordId\":\"k\","
                + "\"kafkaRecordValue\":\"" + base64("{}") + "\",\"topic\":\"t\"}]}");

        // then
        assertThat(((BundleEnvelope.RawBundle) records.getFirst().envelope()).payload()).isEqualTo(Payload.utf8("{}"));
    }

    @Test
    void next_makesABadEnvelope_ofARecordWithoutBase64Data_keepingItsId() {
        // when
        List<FirehoseTransformEventDecoder.TransformRecord> records = decode(
                "{\"records\":[{\"recordId\":\"x\",\"data\":\"%%%\"},{\"recordId\":\"y\"},{\"recordId\":\"z\",\"data\":7}]}");

        // then
        assertThat(records).extracting(FirehoseTransformEventDecoder.TransformRecord::recordId)
                .containsExactly("x", "y", "z");
        assertThat(records).allSatisfy(r -> assertThat(r.envelope()).isInstanceOf(BundleEnvelope.BadEnvelope.class));
        assertThat(((BundleEnvelope.BadEnvelope) records.getFirst().envelope()).undecodedValue())
                .isEqualTo(Payload.utf8("%%%"));
        assertThat(((BundleEnvelope.BadEnvelope) records.get(1).envelope()).detail()).isEqualTo("data is absent");
    }

    @Test
    void open_ofAnEventWithoutRecords_yieldsNone() {
        // when / then
        assertThat(decode("{\"invocationId\":\"i\"}")).isEmpty();
        assertThat(decode("{\"records\":[]}")).isEmpty();
    }

    @Test
    void open_rejectsBytesThatAreNoTransformationEvent() {
        // when / then
        assertThatThrownBy(() -> decode("[{\"topic\":\"t\"}]")).isInstanceOf(PortException.class)
                .hasMessageContaining("not an Amazon Data Firehose transformation event (not a JSON object");
        assertThatThrownBy(() -> decode("{\"records\":{}}")).isInstanceOf(PortException.class)
                .hasMessageContaining("records is not an array");
        assertThatThrownBy(() -> decode("{\"records\":[{\"recordId\":\"a\"}")).isInstanceOf(PortException.class);
    }
}
