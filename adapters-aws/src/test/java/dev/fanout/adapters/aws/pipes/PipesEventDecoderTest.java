package dev.fanout.adapters.aws.pipes;

import static dev.fanout.adapters.aws.pipes.PipesEvents.base64;
import static dev.fanout.adapters.aws.pipes.PipesEvents.event;
import static dev.fanout.adapters.aws.pipes.PipesEvents.mskRecord;
import static dev.fanout.adapters.aws.pipes.PipesEvents.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleEnvelope.BadEnvelope;
import dev.fanout.ports.BundleEnvelope.RawBundle;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.Provenance.KafkaRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PipesEventDecoderTest {

    private static final Provenance FALLBACK = new Provenance.WholeFile("events/recorded.json");
    private static final String BUNDLE = "{\"resourceMetrics\":[]}";

    private final PipesEventDecoder decoder = new PipesEventDecoder();

    @Test
    void decode_readsProvenanceAndValueOfEveryRecord_inRecordOrder() {
        // given
        String json = event(List.of(
                mskRecord("t", "\"0\"", "15", "\"" + base64("{\"a\":1}") + "\""),
                mskRecord("t", "1", "16", "\"" + base64("{\"b\":2}") + "\""),
                mskRecord("u", "0", "17", "\"" + base64("{\"c\":3}") + "\"")));

        // when
        List<BundleEnvelope> envelopes = decoder.decode(payload(json), FALLBACK).orElseThrow();

        // then
        assertThat(envelopes).containsExactly(
                new RawBundle(Payload.utf8("{\"a\":1}"), new KafkaRecord("t", 0, 15)),
                new RawBundle(Payload.utf8("{\"b\":2}"), new KafkaRecord("t", 1, 16)),
                new RawBundle(Payload.utf8("{\"c\":3}"), new KafkaRecord("u", 0, 17)));
    }

    @Test
    void decode_givesATooLargeEnvelope_withSizeHashAndPrefix_forARecordPastTheBundleLimit_andDecodesTheRest()
            throws NoSuchAlgorithmException {
        // given: a limit of 100,000 bytes; a value of 200,001 bytes between two small ones; one of exactly the limit
        String huge = "{\"resourceMetrics\":[" + " ".repeat(199_979) + "]}";
        String exact = "{\"resourceMetrics\":[" + " ".repeat(99_978) + "]}";
        String json = event(List.of(
                mskRecord("t", "0", "1", "\"" + base64("{\"a\":1}") + "\""),
                mskRecord("t", "0", "2", "\"" + base64(huge) + "\""),
                mskRecord("t", "0", "3", "\"" + base64(exact) + "\"")));

        // when
        List<BundleEnvelope> envelopes = new PipesEventDecoder(100_000).decode(payload(json), FALLBACK).orElseThrow();

        // then
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(huge.getBytes(StandardCharsets.UTF_8)));
        assertThat(envelopes).containsExactly(
                new RawBundle(Payload.utf8("{\"a\":1}"), new KafkaRecord("t", 0, 1)),
                new BundleEnvelope.TooLarge(new KafkaRecord("t", 0, 2), 200_001, hash,
                        Payload.utf8(huge.substring(0, BundleEnvelope.TooLarge.KEPT_PREFIX_BYTES))),
                new RawBundle(Payload.utf8(exact), new KafkaRecord("t", 0, 3)));
    }

    @Test
    void decode_acceptsPartitionAsStringOrNumber() {
        // given
        String json = event(List.of(
                mskRecord("t", "\"12\"", "1", quoted(base64(BUNDLE))),
                mskRecord("t", "12", "2", quoted(base64(BUNDLE)))));

        // when
        List<BundleEnvelope> envelopes = decoder.decode(payload(json), FALLBACK).orElseThrow();

        // then
        assertThat(envelopes).extracting(BundleEnvelope::source)
                .containsExactly(new KafkaRecord("t", 12, 1), new KafkaRecord("t", 12, 2));
    }

    @Test
    void decode_acceptsOffsetAsStringOrNumber_upToLongMax() {
        // given
        String json = event(List.of(
                mskRecord("t", "0", "\"9223372036854775807\"", quoted(base64(BUNDLE))),
                mskRecord("t", "0", "42", quoted(base64(BUNDLE)))));

        // when
        List<BundleEnvelope> envelopes = decoder.decode(payload(json), FALLBACK).orElseThrow();

        // then
        assertThat(envelopes).extracting(BundleEnvelope::source)
                .containsExactly(new KafkaRecord("t", 0, Long.MAX_VALUE), new KafkaRecord("t", 0, 42));
    }

    @Test
    void decode_skipsHeadersAsByteArraysAndEveryOtherUnknownKey() {
        // given
        String record = "{\"headers\":[{\"k\":[104,105]},{\"x\":[-1,255]}],\"unknown\":{\"deep\":[[{\"value\":1}]]},"
                + "\"key\":null,\"topic\":\"t\",\"bootstrapServers\":\"b:9092\",\"partition\":3,\"offset\":9,"
                + "\"value\":\"" + base64(BUNDLE) + "\",\"timestamp\":1}";

        // when
        List<BundleEnvelope> envelopes = decoder.decode(payload("[" + record + "]"), FALLBACK).orElseThrow();

        // then
        assertThat(envelopes).containsExactly(new RawBundle(Payload.utf8(BUNDLE), new KafkaRecord("t", 3, 9)));
    }

    @ParameterizedTest(name = "value \"{0}\"")
    @ValueSource(strings = {
            "eyJ9",          // fine: "{\"}" → checked below as a control
            "eyJ",           // length not a multiple of 4
            "eyJ9eQ",        // unpadded
            "ey J9",         // a space inside
            "eyJ9\\n",       // a newline (JSON-escaped) at the end
            "e-J9",          // the URL-safe alphabet
            "e_J9",
            "a===",          // three padding characters
            "ab=c",          // padding inside
            "====",
            "ZXk=ZXk=",      // two padded units
            "éyJ9"           // not ASCII
    })
    void decode_givesBadEnvelopeWithKafkaProvenance_whenValueIsNotStrictBase64(String value) {
        // given
        String json = event(List.of(mskRecord("t", "0", "5", "\"" + value + "\"")));

        // when
        BundleEnvelope envelope = decoder.decode(payload(json), FALLBACK).orElseThrow().getFirst();

        // then
        if (value.equals("eyJ9")) {
            assertThat(envelope).isEqualTo(new RawBundle(Payload.utf8("{\"}"), new KafkaRecord("t", 0, 5)));
            return;
        }
        assertThat(envelope).isInstanceOfSatisfying(BadEnvelope.class, bad -> {
            assertThat(bad.source()).isEqualTo(new KafkaRecord("t", 0, 5));
            assertThat(bad.detail()).startsWith("value is not strict base64");
            assertThat(bad.undecodedValue()).isEqualTo(Payload.utf8(value.replace("\\n", "\n")));
        });
    }

    @ParameterizedTest(name = "value \"{0}\": {1}")
    @CsvSource(delimiter = '|', value = {
            "eyJ|length 3 is not a multiple of 4",
            "ey J|character ' ' at position 2 is not in the base64 alphabet",
            "ab=c|character '=' at position 2 is not in the base64 alphabet",
            "a===|more than two padding characters",
            "e-J9|character '-' at position 1 is not in the base64 alphabet",
            "eyJ\\u00e9|character U+00E9 at position 3 is not in the base64 alphabet"
    })
    void decode_explainsWhyAValueIsNotStrictBase64_inItsDeadLetterReason(String value, String why) {
        // given
        String json = event(List.of(mskRecord("t", "0", "5", "\"" + value + "\"")));

        // when
        BundleEnvelope envelope = decoder.decode(payload(json), FALLBACK).orElseThrow().getFirst();

        // then
        assertThat(envelope).isInstanceOfSatisfying(BadEnvelope.class,
                bad -> assertThat(bad.detail()).isEqualTo("value is not strict base64: " + why));
    }

    @ParameterizedTest(name = "value \"{0}\" means {1}")
    @CsvSource(delimiter = '|', value = {
            "eyJ\\u0039|{\"}",
            "Pz8\\/|???",
            "\\u0065yJ9|{\"}"
    })
    void decode_decodesAValueWrittenWithJsonEscapes_asJsonMeansIt(String value, String bundle) {
        // given: a value that is strict base64 once its JSON escapes are read
        String json = event(List.of(mskRecord("t", "0", "5", "\"" + value + "\"")));

        // when
        BundleEnvelope envelope = decoder.decode(payload(json), FALLBACK).orElseThrow().getFirst();

        // then
        assertThat(envelope).isEqualTo(new RawBundle(Payload.utf8(bundle), new KafkaRecord("t", 0, 5)));
    }

    @Test
    void decode_takesTheLastValue_whenAPlainValueIsFollowedByANullOne() {
        // given
        String json = "[{\"topic\":\"t\",\"partition\":1,\"offset\":2,\"value\":\"eyJ9\",\"value\":null}]";

        // when
        BundleEnvelope envelope = decoder.decode(payload(json), FALLBACK).orElseThrow().getFirst();

        // then
        assertThat(envelope).isEqualTo(new BadEnvelope(new KafkaRecord("t", 1, 2),
                "value is null, not a base64 string", Payload.empty()));
    }

    @Test
    void decode_givesBadEnvelopeWithEmptyValue_whenValueIsAbsent() {
        // given
        String json = event(List.of(mskRecord("t", "0", "5", null)));

        // when
        BundleEnvelope envelope = decoder.decode(payload(json), FALLBACK).orElseThrow().getFirst();

        // then
        assertThat(envelope).isEqualTo(new BadEnvelope(new KafkaRecord("t", 0, 5), "value is absent", Payload.empty()));
    }

    @Test
    void decode_givesBadEnvelopeWithEmptyValue_whenValueIsNull() {
        // given
        String json = event(List.of(mskRecord("t", "0", "5", "null")));

        // when
        BundleEnvelope envelope = decoder.decode(payload(json), FALLBACK).orElseThrow().getFirst();

        // then
        assertThat(envelope).isInstanceOfSatisfying(BadEnvelope.class, bad -> {
            assertThat(bad.source()).isEqualTo(new KafkaRecord("t", 0, 5));
            assertThat(bad.detail()).contains("null");
            assertThat(bad.undecodedValue()).isEqualTo(Payload.empty());
        });
    }

    @ParameterizedTest(name = "value {0}")
    @ValueSource(strings = {"12", "true", "{\"a\":\"eyJ9\"}", "[\"eyJ9\"]"})
    void decode_givesBadEnvelope_whenValueIsNotAString(String valueJson) {
        // given
        String json = event(List.of(mskRecord("t", "0", "5", valueJson), mskRecord("t", "0", "6", quoted(base64(BUNDLE)))));

        // when
        List<BundleEnvelope> envelopes = decoder.decode(payload(json), FALLBACK).orElseThrow();

        // then
        assertThat(envelopes.getFirst()).isInstanceOfSatisfying(BadEnvelope.class, bad -> {
            assertThat(bad.source()).isEqualTo(new KafkaRecord("t", 0, 5));
            assertThat(bad.detail()).contains("not a base64 string");
            assertThat(bad.undecodedValue()).isEqualTo(Payload.empty());
        });
        assertThat(envelopes.get(1)).isEqualTo(new RawBundle(Payload.utf8(BUNDLE), new KafkaRecord("t", 0, 6)));
    }

    @Test
    void decode_givesAnEmptyBundle_whenValueIsTheEmptyString() {
        // given
        String json = event(List.of(mskRecord("t", "0", "5", "\"\"")));

        // when
        BundleEnvelope envelope = decoder.decode(payload(json), FALLBACK).orElseThrow().getFirst();

        // then
        assertThat(envelope).isEqualTo(new RawBundle(Payload.empty(), new KafkaRecord("t", 0, 5)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"partition\":0,\"offset\":1,\"value\":\"eyJ9\"}",
            "{\"topic\":\"t\",\"offset\":1,\"value\":\"eyJ9\"}",
            "{\"topic\":\"t\",\"partition\":0,\"value\":\"eyJ9\"}",
            "{\"topic\":null,\"partition\":0,\"offset\":1,\"value\":\"eyJ9\"}",
            "{\"topic\":7,\"partition\":0,\"offset\":1,\"value\":\"eyJ9\"}",
            "{\"topic\":\"t\",\"partition\":\"zero\",\"offset\":1,\"value\":\"eyJ9\"}",
            "{\"topic\":\"t\",\"partition\":0.5,\"offset\":1,\"value\":\"eyJ9\"}",
            "{\"topic\":\"t\",\"partition\":2147483648,\"offset\":1,\"value\":\"eyJ9\"}",
            "{\"topic\":\"t\",\"partition\":0,\"offset\":\"9223372036854775808\",\"value\":\"eyJ9\"}",
            "{\"topic\":\"t\",\"partition\":0,\"offset\":18446744073709551616,\"value\":\"eyJ9\"}",
            "{\"topic\":\"t\",\"partition\":0,\"offset\":[1],\"value\":\"eyJ9\"}",
            "{\"topic\":\"t\",\"partition\":0,\"offset\":\" 1\",\"value\":\"eyJ9\"}"
    })
    void decode_givesBadEnvelopeWithFallbackProvenance_whenRecordLacksTopicPartitionOrOffset(String record) {
        // given
        String json = "[" + record + "]";

        // when
        BundleEnvelope envelope = decoder.decode(payload(json), FALLBACK).orElseThrow().getFirst();

        // then
        assertThat(envelope).isInstanceOfSatisfying(BadEnvelope.class, bad -> {
            assertThat(bad.source()).isEqualTo(FALLBACK);
            assertThat(bad.detail()).startsWith("record 0 has no Kafka provenance");
            assertThat(bad.undecodedValue()).isEqualTo(Payload.utf8("eyJ9"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"eyJ9\"", "12", "null", "[1,2]", "true"})
    void decode_givesBadEnvelopeWithFallbackProvenance_whenRecordIsNotAnObject(String element) {
        // given
        String json = event(List.of(element, mskRecord("t", "0", "6", quoted(base64(BUNDLE)))));

        // when
        List<BundleEnvelope> envelopes = decoder.decode(payload(json), FALLBACK).orElseThrow();

        // then
        assertThat(envelopes).hasSize(2);
        assertThat(envelopes.getFirst()).isInstanceOfSatisfying(BadEnvelope.class, bad -> {
            assertThat(bad.source()).isEqualTo(FALLBACK);
            assertThat(bad.detail()).startsWith("record 0 is not a JSON object");
        });
        assertThat(envelopes.get(1)).isInstanceOf(RawBundle.class);
    }

    @Test
    void decode_takesTheLastOccurrence_whenARecordRepeatsAKey() {
        // given (Python's json.loads keeps the last of duplicate keys)
        String json = "[{\"topic\":\"a\",\"topic\":\"b\",\"partition\":1,\"offset\":2,\"value\":null,\"value\":\"eyJ9\"}]";

        // when
        BundleEnvelope envelope = decoder.decode(payload(json), FALLBACK).orElseThrow().getFirst();

        // then
        assertThat(envelope).isEqualTo(new RawBundle(Payload.utf8("{\"}"), new KafkaRecord("b", 1, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"resourceMetrics\":[]}",
            "\"[1]\"",
            "42",
            "",
            "   ",
            "[1,2",
            "[{\"topic\":\"t\"]",
            "[] x",
            "[] []",
            "[NaN]",
            "{\"records\":[]}",
            "not json at all"
    })
    void decode_returnsEmpty_whenInputIsNotOneJsonArray(String input) {
        // when
        Optional<List<BundleEnvelope>> decoded = decoder.decode(payload(input), FALLBACK);

        // then
        assertThat(decoded).isEmpty();
    }

    @Test
    void decode_returnsEmpty_whenInputIsNotUtf8() {
        // given: valid JSON structure, but a Latin-1 byte in a key the decoder would otherwise skip
        byte[] bytes = "[{\"k\":\"caf\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1);

        // when
        Optional<List<BundleEnvelope>> decoded = decoder.decode(new Payload(bytes), FALLBACK);

        // then
        assertThat(decoded).isEmpty();
    }

    @Test
    void decode_returnsNoEnvelopes_forAnEmptyArray() {
        // when
        Optional<List<BundleEnvelope>> decoded = decoder.decode(payload(" \n[ ]\n"), FALLBACK);

        // then
        assertThat(decoded).contains(List.of());
    }

    @Test
    void decode_readsARecordedEventExactlyAsTheReferenceDoes() throws IOException {
        // given: a generated event plus edge records, and the reference's reading of it
        Payload event = new Payload(resource("pipes/recorded-event.json"));
        List<String> expected = new String(resource("pipes/recorded-event.expected.tsv"), StandardCharsets.UTF_8)
                .lines().filter(line -> !line.startsWith("#")).toList();

        // when
        List<BundleEnvelope> envelopes = decoder.decode(event, FALLBACK).orElseThrow();

        // then
        List<String> actual = new ArrayList<>();
        for (BundleEnvelope envelope : envelopes) {
            KafkaRecord source = (KafkaRecord) envelope.source();
            String prefix = source.topic() + "\t" + source.partition() + "\t" + source.offset() + "\t";
            actual.add(switch (envelope) {
                case RawBundle raw -> prefix + "-\t" + sha256(raw.payload().bytes());
                case BadEnvelope bad -> prefix + "bundle.bad_envelope\t-";
                case BundleEnvelope.TooLarge tooLarge -> prefix + "bundle.too_large\t" + tooLarge.sha256Hex();
            });
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void decode_decodesEveryRecordOfAnEventLargerThanALambdaCanReceive() {
        // given: ~14 MB of records with 1 KB values, more than the 6 MB a Lambda can receive (how fast this goes
        // is measured by benchmarks, not here)
        String value = base64("{\"resourceMetrics\":[" + "x".repeat(1000) + "]}");
        String json = event(IntStream.range(0, 10_000)
                .mapToObj(i -> mskRecord("lm.metrics.otlp", i % 2 == 0 ? "\"" + (i % 6) + "\"" : String.valueOf(i % 6),
                        String.valueOf(100_000L + i), quoted(value)))
                .toList());

        // when
        List<BundleEnvelope> envelopes = decoder.decode(payload(json), FALLBACK).orElseThrow();

        // then
        assertThat(envelopes).hasSize(10_000).allMatch(RawBundle.class::isInstance);
        assertThat(envelopes.get(9_999).source()).isEqualTo(new KafkaRecord("lm.metrics.otlp", 9_999 % 6, 109_999));
        assertThat(((RawBundle) envelopes.get(4_321)).payload().asUtf8())
                .isEqualTo("{\"resourceMetrics\":[" + "x".repeat(1000) + "]}");
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PipesEventDecoderTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
