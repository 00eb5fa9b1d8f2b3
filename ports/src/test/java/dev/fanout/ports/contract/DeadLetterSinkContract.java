package dev.fanout.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.WriteOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeadLetterSink} must do. An adapter's test extends this class and says how to build
 * a fresh sink and how to read back what it made visible.
 */
public abstract class DeadLetterSinkContract {

    /** A dead letter as a sink keeps it: the reason it was filed under and its line. */
    public record StoredLetter(RejectionReason reason, Payload line) {
    }

    /** A fresh, empty sink. */
    protected abstract DeadLetterSink newSink() throws Exception;

    /** Everything {@code sink} made visible, in any order; called after {@code sink} was closed. */
    protected abstract List<StoredLetter> readBack(DeadLetterSink sink) throws Exception;

    protected static final Instant FAR_DEADLINE = Instant.now().plus(Duration.ofMinutes(5));

    @Test
    void write_accountsForEveryLetterExactlyOnce_inWrittenOrRefused() throws Exception {
        // given
        List<DeadLetter> letters = letters(0, 30);
        try (DeadLetterSink sink = newSink()) {
            // when
            WriteOutcome<DeadLetter> outcome = sink.write(letters, FAR_DEADLINE);

            // then
            List<DeadLetter> accountedFor = new ArrayList<>(outcome.written());
            outcome.refused().forEach(refusal -> accountedFor.add(refusal.item()));
            assertThat(accountedFor).containsExactlyInAnyOrderElementsOf(letters);
        }
    }

    @Test
    void close_makesEveryWrittenLetterReadable_byteForByte_underItsReason() throws Exception {
        // given
        DeadLetterSink sink = newSink();

        // when
        WriteOutcome<DeadLetter> outcome = sink.write(letters(0, 45), FAR_DEADLINE);
        sink.close();

        // then
        assertThat(readBack(sink)).containsExactlyInAnyOrderElementsOf(stored(outcome.written()));
    }

    @Test
    void write_acceptsAnEmptyBatch_andStoresNothing() throws Exception {
        // given
        DeadLetterSink sink = newSink();

        // when
        WriteOutcome<DeadLetter> outcome = sink.write(List.of(), FAR_DEADLINE);
        sink.close();

        // then
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.refused()).isEmpty();
        assertThat(readBack(sink)).isEmpty();
    }

    @Test
    void write_keepsEveryLetterOfManyBatches() throws Exception {
        // given
        DeadLetterSink sink = newSink();
        List<DeadLetter> written = new ArrayList<>();

        // when
        for (int batch = 0; batch < 10; batch++) {
            written.addAll(sink.write(letters(batch * 100, 100), FAR_DEADLINE).written());
        }
        sink.close();

        // then
        assertThat(readBack(sink)).containsExactlyInAnyOrderElementsOf(stored(written));
    }

    @Test
    void close_canBeCalledTwice() throws Exception {
        // given
        DeadLetterSink sink = newSink();
        List<DeadLetter> written = sink.write(letters(0, 5), FAR_DEADLINE).written();
        sink.close();

        // when / then
        assertThatCode(sink::close).doesNotThrowAnyException();
        assertThat(readBack(sink)).containsExactlyInAnyOrderElementsOf(stored(written));
    }

    /** {@code count} distinct dead letters numbered from {@code first}, cycling through every reason. */
    protected static List<DeadLetter> letters(int first, int count) {
        RejectionReason[] reasons = RejectionReason.values();
        List<DeadLetter> letters = new ArrayList<>(count);
        for (int n = first; n < first + count; n++) {
            letters.add(letter(n, reasons[n % reasons.length]));
        }
        return letters;
    }

    protected static DeadLetter letter(int n, RejectionReason reason) {
        String bundleId = String.format("%024x", n);
        Provenance source = new Provenance.JsonLine("in/bundles-ü.jsonl", n + 1L);
        boolean point = reason.kind() == RejectionReason.Kind.POINT;
        Optional<String> rowId = point ? Optional.of(bundleId + String.format("%08x", n % 7)) : Optional.empty();
        String line = "{\"schemaVersion\":1,\"kind\":\"" + reason.kind().code() + "\",\"reason\":\"" + reason.code()
                + "\",\"detail\":\"case " + n + " – ünïcødé\",\"path\":\"$.resourceMetrics[0]\",\"bundleId\":\""
                + bundleId + "\",\"source\":{\"file\":\"in/bundles-ü.jsonl\",\"line\":" + (n + 1) + "}"
                + rowId.map(id -> ",\"rowId\":\"" + id + "\"").orElse(",\"payloadBase64\":\"e30=\"") + "}";
        return new DeadLetter(reason, source, Optional.of(bundleId), rowId, Payload.utf8(line));
    }

    protected static List<StoredLetter> stored(List<DeadLetter> letters) {
        return letters.stream().map(l -> new StoredLetter(l.reason(), l.line())).toList();
    }
}
