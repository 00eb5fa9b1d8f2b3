package dev.fanout.adapters.local.file;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RecordBatchDecoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test decoder for recorded Pipes events of the simple shape these tests write:
 * {@code [{"topic":"t","partition":0,"offset":5,"value":"<base64>"}, …]}. It remembers what it was given.
 */
final class TinyPipesDecoder implements RecordBatchDecoder {

    private static final Pattern RECORD = Pattern.compile(
            "\\{\"topic\":\"([^\"]*)\",\"partition\":(\\d+),\"offset\":(\\d+),\"value\":\"([^\"]*)\"}");

    final List<Payload> events = new ArrayList<>();
    final List<Provenance> fallbacks = new ArrayList<>();
    private final boolean recognises;

    private TinyPipesDecoder(boolean recognises) {
        this.recognises = recognises;
    }

    static TinyPipesDecoder recognisingEvents() {
        return new TinyPipesDecoder(true);
    }

    /** A decoder that says of everything that it is not a batch event. */
    static TinyPipesDecoder recognisingNothing() {
        return new TinyPipesDecoder(false);
    }

    @Override
    public Optional<List<BundleEnvelope>> decode(Payload event, Provenance fallback) {
        events.add(event);
        fallbacks.add(fallback);
        String text = event.asUtf8().strip();
        if (!recognises || !text.startsWith("[")) {
            return Optional.empty();
        }
        List<BundleEnvelope> envelopes = new ArrayList<>();
        Matcher matcher = RECORD.matcher(text);
        while (matcher.find()) {
            Provenance source = new Provenance.KafkaRecord(matcher.group(1), Integer.parseInt(matcher.group(2)),
                    Long.parseLong(matcher.group(3)));
            try {
                envelopes.add(new BundleEnvelope.RawBundle(
                        new Payload(Base64.getDecoder().decode(matcher.group(4))), source));
            } catch (IllegalArgumentException notBase64) {
                envelopes.add(new BundleEnvelope.BadEnvelope(source, "value is not base64",
                        Payload.utf8(matcher.group(4))));
            }
        }
        return Optional.of(envelopes);
    }
}
