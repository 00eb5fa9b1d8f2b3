package dev.fanout.adapters.aws.pipes;

import static dev.fanout.adapters.aws.pipes.PipesEvents.base64;
import static dev.fanout.adapters.aws.pipes.PipesEvents.event;
import static dev.fanout.adapters.aws.pipes.PipesEvents.mskRecord;
import static dev.fanout.adapters.aws.pipes.PipesEvents.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleEnvelope.BadEnvelope;
import dev.fanout.ports.BundleEnvelope.RawBundle;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.Provenance.KafkaRecord;
import dev.fanout.ports.SourceProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipesEventBundleSourceTest {

    private static final Provenance FALLBACK = new Provenance.KafkaRecord("unknown", -1, -1);

    @Test
    void next_yieldsTheSameEnvelopesAsTheDecoder_inRecordOrder_thenNothing() {
        // given
        Payload event = payload(event(List.of(
                mskRecord("t", "\"0\"", "1", "\"" + base64("{\"a\":1}") + "\""),
                mskRecord("t", "1", "\"2\"", "null"),
                "[]",
                mskRecord("t", "2", "3", "\"" + base64("{\"b\":2}") + "\""))));
        List<BundleEnvelope> decoded = new PipesEventDecoder().decode(event, FALLBACK).orElseThrow();

        // when
        List<BundleEnvelope> yielded = new ArrayList<>();
        try (PipesEventBundleSource source = new PipesEventBundleSource(event, FALLBACK)) {
            for (Optional<BundleEnvelope> next = source.next(); next.isPresent(); next = source.next()) {
                yielded.add(next.get());
            }
            assertThat(source.next()).isEmpty();
        }

        // then
        assertThat(yielded).isEqualTo(decoded).hasSize(4);
        assertThat(yielded.get(0)).isEqualTo(new RawBundle(Payload.utf8("{\"a\":1}"), new KafkaRecord("t", 0, 1)));
        assertThat(yielded.get(1)).isInstanceOf(BadEnvelope.class).extracting(BundleEnvelope::source)
                .isEqualTo(new KafkaRecord("t", 1, 2));
        assertThat(yielded.get(2).source()).isEqualTo(FALLBACK);
    }

    @Test
    void progress_countsTheEventsBytes_fromNoneToAll() {
        // given
        Payload event = payload(event(List.of(
                mskRecord("t", "0", "1", "\"" + base64("{\"a\":1}") + "\""),
                mskRecord("t", "0", "2", "\"" + base64("{\"b\":2}") + "\""))));

        try (PipesEventBundleSource source = new PipesEventBundleSource(event, FALLBACK)) {
            // when
            SourceProgress atStart = source.progress();
            source.next();
            SourceProgress afterOne = source.progress();
            source.next();
            source.next();
            SourceProgress atEnd = source.progress();

            // then
            assertThat(atStart.bytesTotal()).isEqualTo(event.size());
            assertThat(atStart.bytesRead()).isZero();
            assertThat(afterOne.bytesRead()).isBetween(atStart.bytesRead() + 1, (long) event.size() - 1);
            assertThat(atEnd).isEqualTo(new SourceProgress(event.size(), event.size()));
        }
    }

    @Test
    void skipped_isAlwaysEmpty() {
        // given
        try (PipesEventBundleSource source = new PipesEventBundleSource(payload("[]"), FALLBACK)) {
            // when
            source.next();

            // then
            assertThat(source.skipped()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"resourceMetrics\":[]}", "", "42", "nonsense"})
    void constructor_throwsPortException_whenTheEventIsNotAJsonArray(String input) {
        // when / then
        assertThatThrownBy(() -> new PipesEventBundleSource(payload(input), FALLBACK))
                .isInstanceOf(PortException.class)
                .hasMessageContaining("not an EventBridge Pipes Kafka event");
    }

    @Test
    void next_throwsPortException_whenTheEventBreaksOffMidway() {
        // given
        Payload event = payload("[" + mskRecord("t", "0", "1", "\"" + base64("{}") + "\"") + ",{\"topic\":");

        try (PipesEventBundleSource source = new PipesEventBundleSource(event, FALLBACK)) {
            // when
            Optional<BundleEnvelope> first = source.next();

            // then
            assertThat(first).containsInstanceOf(RawBundle.class);
            assertThatThrownBy(source::next).isInstanceOf(PortException.class).hasMessageContaining("not JSON");
        }
    }
}
