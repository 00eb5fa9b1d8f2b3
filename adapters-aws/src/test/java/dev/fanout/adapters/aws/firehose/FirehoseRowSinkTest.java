package dev.fanout.adapters.aws.firehose;

import static dev.fanout.adapters.aws.firehose.TestRows.json;
import static dev.fanout.adapters.aws.firehose.TestRows.row;
import static dev.fanout.adapters.aws.firehose.TestRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.fakes.Reply.Accept;
import dev.fanout.adapters.aws.fakes.Reply.Fail;
import dev.fanout.adapters.aws.fakes.Reply.Garbled;
import dev.fanout.adapters.aws.fakes.Reply.Reset;
import dev.fanout.adapters.aws.fakes.Reply.Slow;
import dev.fanout.adapters.aws.firehose.FakeFirehose.Call;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.Record;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirehoseRowSinkTest {

    private static final String STREAM = "fanout-rows";
    private static final int RECORD_LIMIT = FirehoseRowSink.MAX_RECORD_BYTES;

    private FakeFirehose firehose;
    private FirehoseClient client;

    @BeforeAll
    void startFake() {
        firehose = new FakeFirehose();
        client = firehose.client();
    }

    @AfterAll
    void stopFake() {
        client.close();
        firehose.close();
    }

    @BeforeEach
    void everythingAccepted() {
        firehose.behave((call, records) -> Accept.all());
    }

    // ---------------------------------------------------------------- request shape and packing

    @Test
    void write_sendsOnePutRecordBatchInJson11_withTheStreamNameAndNewlineDelimitedRows() {
        // given
        List<EncodedRow> rows = rows(3, 100);
        int before = firehose.calls().size();

        // when
        WriteOutcome<EncodedRow> outcome = sink(FirehoseRowSink.Settings.packed(STREAM)).write(rows, soon());

        // then
        assertThat(outcome.written()).containsExactlyElementsOf(rows);
        Call call = firehose.calls().get(before);
        assertThat(call.target()).isEqualTo("Firehose_20150804.PutRecordBatch");
        assertThat(call.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(call.streamName()).isEqualTo(STREAM);
        assertThat(call.records()).hasSize(1);
        assertThat(new String(call.records().getFirst(), StandardCharsets.UTF_8))
                .isEqualTo(json(rows.get(0)) + "\n" + json(rows.get(1)) + "\n" + json(rows.get(2)) + "\n");
    }

    @Test
    void write_packsAtMost500RowsPerRecord_so501RowsMakeTwoRecordsInOneCall() {
        // given
        List<EncodedRow> rows = rows(501, 80);

        // when
        List<Call> calls = callsOf(() -> sink(FirehoseRowSink.Settings.packed(STREAM)).write(rows, soon()));

        // then
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().records()).extracting(FirehoseRowSinkTest::lineCount).containsExactly(500, 1);
    }

    @Test
    void write_sendsARowOfExactlyTheRecordLimit_aloneAndWithoutItsNewline() {
        // given
        List<EncodedRow> rows = List.of(row(1, 100), row(2, RECORD_LIMIT), row(3, RECORD_LIMIT - 1));

        // when
        List<Call> calls = new ArrayList<>();
        WriteOutcome<EncodedRow> outcome = write(rows, FirehoseRowSink.Settings.packed(STREAM), calls);

        // then
        assertThat(outcome.written()).containsExactlyElementsOf(rows);
        List<byte[]> records = calls.stream().flatMap(c -> c.records().stream()).toList();
        assertThat(records).extracting(r -> r.length).containsExactly(101, RECORD_LIMIT, RECORD_LIMIT);
        assertThat(new String(records.get(1), StandardCharsets.UTF_8)).isEqualTo(json(rows.get(1)));
        assertThat(new String(records.get(2), StandardCharsets.UTF_8)).isEqualTo(json(rows.get(2)) + "\n");
    }

    @Test
    void write_neverSendsARowLargerThanTheRecordLimit_andRefusesItForGood() {
        // given
        EncodedRow tooLarge = row(7, RECORD_LIMIT + 1);
        List<EncodedRow> rows = List.of(row(1, 100), tooLarge, row(2, 100));

        // when
        List<Call> calls = new ArrayList<>();
        WriteOutcome<EncodedRow> outcome = write(rows, FirehoseRowSink.Settings.packed(STREAM), calls);

        // then
        assertThat(outcome.written()).containsExactly(rows.get(0), rows.get(2));
        assertThat(outcome.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.item()).isEqualTo(tooLarge);
            assertThat(refusal.retryable()).isFalse();
            assertThat(refusal.reason()).startsWith("row.too_large");
        });
        assertThat(calls).flatExtracting(Call::records).allSatisfy(r -> assertThat(r.length).isLessThanOrEqualTo(RECORD_LIMIT));
        assertThat(calls).flatExtracting(Call::records).noneSatisfy(r ->
                assertThat(new String(r, StandardCharsets.UTF_8)).contains(tooLarge.rowId()));
    }

    @Test
    void write_splitsCalls_whenTheRecordsWouldExceed4MiBByOneByte() {
        // given: four full records (1 024 000 bytes each) and one of 98 305 bytes = 4 MiB + 1
        List<EncodedRow> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(row(i, RECORD_LIMIT - 1));
        }
        rows.add(row(4, 4 * 1024 * 1024 + 1 - 4 * RECORD_LIMIT - 1));

        // when
        List<Call> calls = new ArrayList<>();
        WriteOutcome<EncodedRow> outcome = write(rows, FirehoseRowSink.Settings.packed(STREAM), calls);

        // then
        assertThat(outcome.written()).containsExactlyElementsOf(rows);
        assertThat(calls).extracting(Call::bytes).containsExactly(4L * RECORD_LIMIT, 98_305L);
        assertThat(calls).allSatisfy(call -> assertThat(call.bytes()).isLessThanOrEqualTo(4 * 1024 * 1024));
    }

    @Test
    void write_fillsACallToExactly4MiB_whenTheRecordsFit() {
        // given
        List<EncodedRow> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(row(i, RECORD_LIMIT - 1));
        }
        rows.add(row(4, 4 * 1024 * 1024 - 4 * RECORD_LIMIT - 1));

        // when
        List<Call> calls = new ArrayList<>();
        write(rows, FirehoseRowSink.Settings.packed(STREAM), calls);

        // then
        assertThat(calls).extracting(Call::bytes).containsExactly(4L * 1024 * 1024);
    }

    @Test
    void write_sendsAtMost500RecordsPerCall_so501RowsOneRowPerRecordMakeTwoCalls() {
        // given
        List<EncodedRow> rows = rows(501, 80);

        // when
        List<Call> calls = new ArrayList<>();
        WriteOutcome<EncodedRow> outcome = write(rows, FirehoseRowSink.Settings.oneRowPerRecord(STREAM), calls);

        // then
        assertThat(outcome.written()).containsExactlyElementsOf(rows);
        assertThat(calls).extracting(call -> call.records().size()).containsExactly(500, 1);
        assertThat(calls.getFirst().records()).allSatisfy(r -> assertThat(lineCount(r)).isEqualTo(1));
        assertThat(new String(calls.getFirst().records().getFirst(), StandardCharsets.UTF_8)).isEqualTo(json(rows.getFirst()) + "\n");
    }

    @Test
    void write_honoursSmallerConfiguredLimits() {
        // given: 3 rows per record, 250 bytes per record, 2 records per call, 400 bytes per call
        FirehoseRowSink.Settings settings = FirehoseRowSink.Settings.packed(STREAM)
                .withRowsPerRecord(3).withRecordBytes(250).withRecordsPerCall(2).withCallBytes(400);
        List<EncodedRow> rows = rows(10, 99); // 100 bytes with the newline: two per record

        // when
        List<Call> calls = new ArrayList<>();
        WriteOutcome<EncodedRow> outcome = write(rows, settings, calls);

        // then: 5 records of 200 bytes, at most 2 (400 bytes) per call
        assertThat(outcome.written()).containsExactlyElementsOf(rows);
        assertThat(calls).extracting(call -> call.records().size()).containsExactly(2, 2, 1);
        assertThat(calls).flatExtracting(Call::records).allSatisfy(r -> assertThat(r.length).isEqualTo(200));
    }

    @Test
    void write_sharesRecordsBetweenPartitions_andKeepsRowOrder() {
        // given: rows of 15 partitions, interleaved
        List<EncodedRow> rows = rows(60, 90);

        // when
        List<Call> calls = new ArrayList<>();
        write(rows, FirehoseRowSink.Settings.packed(STREAM), calls);

        // then
        assertThat(calls).singleElement().satisfies(call -> assertThat(call.records()).hasSize(1));
        String record = new String(calls.getFirst().records().getFirst(), StandardCharsets.UTF_8);
        assertThat(record.split("\n")).containsExactlyElementsOf(rows.stream().map(TestRows::json).toList());
    }

    @Test
    void write_sendsNothing_forAnEmptyBatch() {
        // when
        List<Call> calls = new ArrayList<>();
        WriteOutcome<EncodedRow> outcome = write(List.of(), FirehoseRowSink.Settings.packed(STREAM), calls);

        // then
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.refused()).isEmpty();
        assertThat(calls).isEmpty();
    }

    // ---------------------------------------------------------------- exact boundaries

    @Test
    void write_packsTwoRowsIntoOneRecord_whenWithTheirNewlinesTheyFillItExactly() {
        // given: (511 999 + 1) + (511 999 + 1) = 1 024 000 bytes, the record limit
        List<EncodedRow> rows = List.of(row(1, RECORD_LIMIT / 2 - 1), row(2, RECORD_LIMIT / 2 - 1));

        // when
        List<Call> calls = new ArrayList<>();
        WriteOutcome<EncodedRow> outcome = write(rows, FirehoseRowSink.Settings.packed(STREAM), calls);

        // then
        assertThat(outcome.written()).containsExactlyElementsOf(rows);
        assertThat(calls).flatExtracting(Call::records).extracting(r -> r.length).containsExactly(RECORD_LIMIT);
    }

    @Test
    void write_startsASecondRecord_whenTheNewlinesWouldTakeTheFirstOneByteOverTheLimit() {
        // given: (511 999 + 1) + (512 000 + 1) = 1 024 001 bytes: the JSON alone (1 023 999) would fit
        List<EncodedRow> rows = List.of(row(1, RECORD_LIMIT / 2 - 1), row(2, RECORD_LIMIT / 2));

        // when
        List<Call> calls = new ArrayList<>();
        WriteOutcome<EncodedRow> outcome = write(rows, FirehoseRowSink.Settings.packed(STREAM), calls);

        // then: the fake, like Firehose, would have refused a record of 1 024 001 bytes
        assertThat(outcome.written()).containsExactlyElementsOf(rows);
        assertThat(calls).flatExtracting(Call::records).extracting(r -> r.length)
                .containsExactly(RECORD_LIMIT / 2, RECORD_LIMIT / 2 + 1);
    }

    @Test
    void theFake_refusesARecordOneByteOverTheLimit_andACallOver500RecordsOr4MiB_asFirehoseDoes() {
        // given: requests no sink would make, sent with the SDK client itself
        PutRecordBatchRequest recordTooLarge = request(List.of(new byte[RECORD_LIMIT + 1]));
        PutRecordBatchRequest recordAtLimit = request(List.of(new byte[RECORD_LIMIT]));
        PutRecordBatchRequest tooManyRecords = request(Collections.nCopies(501, new byte[10]));
        PutRecordBatchRequest callTooLarge = request(List.of(new byte[RECORD_LIMIT], new byte[RECORD_LIMIT],
                new byte[RECORD_LIMIT], new byte[RECORD_LIMIT], new byte[4 * 1024 * 1024 - 4 * RECORD_LIMIT + 1]));

        // when / then
        assertThat(client.putRecordBatch(recordAtLimit).failedPutCount()).isZero();
        assertThatThrownBy(() -> client.putRecordBatch(recordTooLarge)).isInstanceOf(FirehoseException.class)
                .hasMessageContaining("less than or equal to 1024000");
        assertThatThrownBy(() -> client.putRecordBatch(tooManyRecords)).isInstanceOf(FirehoseException.class)
                .hasMessageContaining("less than or equal to 500");
        assertThatThrownBy(() -> client.putRecordBatch(callTooLarge)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("4 MB");
    }

    @ParameterizedTest(name = "{0} entries for 3 records")
    @ValueSource(ints = {0, 2, 4})
    void write_refusesEveryRowAsPossiblyWritten_whenFirehoseAnswersAnotherNumberOfEntriesThanRecords(int entries) {
        // given: three records; Firehose stores them but its answer lists another number of entries
        firehose.behave((call, records) -> new Garbled(entries));
        List<EncodedRow> rows = rows(3, 100);

        // when
        WriteOutcome<EncodedRow> outcome = sink(FirehoseRowSink.Settings.oneRowPerRecord(STREAM)).write(rows, soon());

        // then
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.refused()).extracting(Refusal::item).containsExactlyElementsOf(rows);
        assertThat(outcome.refused()).allSatisfy(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Kind.POSSIBLY_WRITTEN);
            assertThat(refusal.reason()).startsWith("unknown outcome: Firehose PutRecordBatch answered " + entries
                    + " entries for 3 records");
        });
    }

    @Test
    void write_acceptsTheAnswer_whenItListsExactlyOneEntryPerRecord() {
        // given
        firehose.behave((call, records) -> new Garbled(records.size()));
        List<EncodedRow> rows = rows(3, 100);

        // when
        WriteOutcome<EncodedRow> outcome = sink(FirehoseRowSink.Settings.oneRowPerRecord(STREAM)).write(rows, soon());

        // then
        assertThat(outcome.written()).containsExactlyElementsOf(rows);
        assertThat(outcome.refused()).isEmpty();
    }

    @ParameterizedTest(name = "rowsPerRecord={0} recordBytes={1} recordsPerCall={2} callBytes={3}")
    @CsvSource({
            "0, 1024000, 500, 4194304", "501, 1024000, 500, 4194304",
            "500, 0, 500, 4194304", "500, 1024001, 500, 4194304",
            "500, 1024000, 0, 4194304", "500, 1024000, 501, 4194304",
            "500, 1024000, 500, 4194305", "500, 1024000, 500, 1023999"
    })
    void settings_rejectLimitsBeyondFirehosesOrInconsistentOnes(int rowsPerRecord, int recordBytes, int recordsPerCall,
                                                               int callBytes) {
        // when / then
        assertThatThrownBy(() -> new FirehoseRowSink.Settings(STREAM, rowsPerRecord, recordBytes, recordsPerCall, callBytes,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be within");
    }

    @Test
    void settings_rejectAStreamNameFirehoseWouldNotAccept() {
        // when / then
        assertThatThrownBy(() -> FirehoseRowSink.Settings.packed("rows/with slash"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream name");
        assertThatThrownBy(() -> FirehoseRowSink.Settings.packed(STREAM).withCallTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- per-attempt outcomes

    @Test
    void write_refusesOnlyTheRowsOfRecordsFirehoseRefused_asRetryable() {
        // given: 3 records of 2 rows; record 1 gets ServiceUnavailableException, record 2 InternalFailure
        firehose.behave((call, records) -> new Accept(Map.of(1, "ServiceUnavailableException", 2, "InternalFailure")));
        FirehoseRowSink.Settings settings = FirehoseRowSink.Settings.packed(STREAM).withRowsPerRecord(2);
        List<EncodedRow> rows = rows(6, 100);

        // when
        WriteOutcome<EncodedRow> outcome = sink(settings).write(rows, soon());

        // then
        assertThat(outcome.written()).containsExactly(rows.get(0), rows.get(1));
        assertThat(outcome.refused()).extracting(Refusal::item).containsExactlyElementsOf(rows.subList(2, 6));
        assertThat(outcome.refused()).allSatisfy(refusal -> assertThat(refusal.retryable()).isTrue());
        assertThat(outcome.refused().get(0).reason()).startsWith("refused: ServiceUnavailableException");
        assertThat(outcome.refused().get(2).reason()).startsWith("refused: InternalFailure");
    }

    @Test
    void write_refusesRowsOfARecordWithAnUnknownErrorCode_asNotRetryable() {
        // given
        firehose.behave((call, records) -> new Accept(Map.of(0, "SomethingNew")));

        // when
        WriteOutcome<EncodedRow> outcome = sink(FirehoseRowSink.Settings.packed(STREAM)).write(rows(2, 100), soon());

        // then
        assertThat(outcome.refused()).hasSize(2).allSatisfy(refusal -> {
            assertThat(refusal.retryable()).isFalse();
            assertThat(refusal.reason()).contains("SomethingNew");
        });
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({
            "400, ThrottlingException, throttled:",
            "400, LimitExceededException, throttled:",
            "503, ServiceUnavailableException, throttled:",
            "500, InternalFailure, unavailable:",
            "502, BadGateway, unavailable:",
            "504, GatewayTimeout, unavailable:"
    })
    void write_refusesEveryRowAsRetryable_whenTheWholeCallIsThrottledOrFailsWith5xx(int status, String type, String prefix) {
        // given
        firehose.behave((call, records) -> new Fail(status, type, "slow down"));
        List<EncodedRow> rows = rows(600, 100);

        // when
        WriteOutcome<EncodedRow> outcome = sink(FirehoseRowSink.Settings.packed(STREAM)).write(rows, soon());

        // then
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.refused()).extracting(Refusal::item).containsExactlyElementsOf(rows);
        assertThat(outcome.refused()).allSatisfy(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(refusal.reason()).startsWith(prefix).contains(type);
        });
    }

    @Test
    void write_makesExactlyOneAttemptPerCall_becauseTheSdkDoesNotRetry() {
        // given
        firehose.behave((call, records) -> new Fail(503, "ServiceUnavailableException", "slow down"));

        // when
        List<Call> calls = callsOf(() -> sink(FirehoseRowSink.Settings.packed(STREAM)).write(rows(3, 100), soon()));

        // then
        assertThat(calls).hasSize(1);
    }

    @Test
    void write_refusesAsAmbiguous_whenTheResponseIsSlowerThanTheCallTimeout() {
        // given: Firehose stores the records but answers after 1.5 s; the sink waits 300 ms
        firehose.behave((call, records) -> new Slow(Duration.ofMillis(1500)));
        FirehoseRowSink sink = sink(FirehoseRowSink.Settings.packed(STREAM).withCallTimeout(Duration.ofMillis(300)));
        List<EncodedRow> rows = rows(4, 100);

        // when
        long start = System.nanoTime();
        WriteOutcome<EncodedRow> outcome = sink.write(rows, soon());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(took).isLessThan(Duration.ofMillis(1200));
        assertThat(outcome.refused()).extracting(Refusal::item).containsExactlyElementsOf(rows);
        assertThat(outcome.refused()).allSatisfy(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Kind.POSSIBLY_WRITTEN);
            assertThat(refusal.reason()).startsWith("timed out:");
        });
    }

    @Test
    void write_boundsTheCallByTheDeadline_whenItIsNearerThanTheCallTimeout() {
        // given: a 10 s call timeout, but only 300 ms to the deadline
        firehose.behave((call, records) -> new Slow(Duration.ofMillis(1500)));
        FirehoseRowSink sink = sink(FirehoseRowSink.Settings.packed(STREAM).withCallTimeout(Duration.ofSeconds(10)));

        // when
        long start = System.nanoTime();
        WriteOutcome<EncodedRow> outcome = sink.write(rows(2, 100), Instant.now().plusMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(took).isLessThan(Duration.ofMillis(1200));
        assertThat(outcome.refused()).hasSize(2).allSatisfy(refusal -> assertThat(refusal.kind()).isEqualTo(Kind.POSSIBLY_WRITTEN));
    }

    @Test
    void write_sendsNothing_whenTheDeadlineHasPassedOrIsTooNearForACall() {
        // given
        List<EncodedRow> rows = rows(3, 100);

        // when
        List<Call> calls = new ArrayList<>();
        WriteOutcome<EncodedRow> outcome = writeBy(rows, FirehoseRowSink.Settings.packed(STREAM), Instant.now().minusSeconds(1), calls);
        WriteOutcome<EncodedRow> tooNear = writeBy(rows, FirehoseRowSink.Settings.packed(STREAM),
                Instant.now().plus(FirehoseRowSink.MIN_CALL_TIME).minusMillis(5), calls);

        // then
        assertThat(calls).isEmpty();
        assertThat(outcome.refused()).hasSize(3).allSatisfy(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Kind.NOT_SENT);
            assertThat(refusal.reason()).startsWith("not sent:");
        });
        assertThat(tooNear.refused()).hasSize(3).allSatisfy(refusal -> assertThat(refusal.kind()).isEqualTo(Kind.NOT_SENT));
    }

    @Test
    void write_refusesAsAmbiguous_whenTheConnectionIsReset_withoutAHiddenResend() {
        // given: a warm keep-alive connection, then resets (HttpURLConnection re-sends a failed request on a
        // reused connection unless it streams the body: that would be a retry nobody counts)
        sink(FirehoseRowSink.Settings.packed(STREAM)).write(rows(1, 100), soon());
        firehose.behave((call, records) -> new Reset());

        // when
        List<Call> calls = new ArrayList<>();
        WriteOutcome<EncodedRow> outcome = write(rows(2, 100), FirehoseRowSink.Settings.packed(STREAM), calls);

        // then
        assertThat(calls).hasSize(1);
        assertThat(outcome.refused()).hasSize(2).allSatisfy(refusal -> {
            assertThat(refusal.kind()).isEqualTo(Kind.POSSIBLY_WRITTEN);
            assertThat(refusal.reason()).startsWith("connection lost:");
        });
    }

    @Test
    void write_refusesAsUnavailableButNotAmbiguous_whenNothingListensAtTheEndpoint() throws Exception {
        // given: a port that was free a moment ago
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (FirehoseClient closedPort = AwsClients.firehose(firehose.clientSettings()
                .withEndpoint(URI.create("http://127.0.0.1:" + port)))) {
            FirehoseRowSink sink = new FirehoseRowSink(closedPort, FirehoseRowSink.Settings.packed(STREAM), Clock.systemUTC());

            // when
            WriteOutcome<EncodedRow> outcome = sink.write(rows(2, 100), soon());

            // then
            assertThat(outcome.refused()).hasSize(2).allSatisfy(refusal -> {
                assertThat(refusal.kind()).isEqualTo(Kind.RETRYABLE);
                assertThat(refusal.reason()).startsWith("unavailable: cannot connect");
            });
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "400, ResourceNotFoundException, 'does not exist', 'fanout-rows'",
            "400, InvalidArgumentException, 'invalid', 'Direct PUT'",
            "400, AccessDeniedException, 'denied', 'firehose:PutRecordBatch'",
            "400, UnrecognizedClientException, 'denied', 'credentials'",
            "400, InvalidKMSResourceException, 'KMS', 'policy'"
    })
    void write_throwsAnActionablePortException_forErrorsThatResendingCannotFix(int status, String type, String says,
                                                                              String hint) {
        // given
        firehose.behave((call, records) -> new Fail(status, type, "no luck"));

        // when / then
        assertThatThrownBy(() -> sink(FirehoseRowSink.Settings.packed(STREAM)).write(rows(2, 100), soon()))
                .isInstanceOf(PortException.class)
                .hasMessageContaining(says)
                .hasMessageContaining(hint)
                .hasMessageContaining("eu-west-1")
                .hasMessageContaining(type);
    }

    @Test
    void write_throwsAnActionablePortException_whenTheEndpointHostDoesNotResolve() {
        // given
        try (FirehoseClient nowhere = AwsClients.firehose(firehose.clientSettings()
                .withEndpoint(URI.create("http://firehose.nowhere.invalid")))) {
            FirehoseRowSink sink = new FirehoseRowSink(nowhere, FirehoseRowSink.Settings.packed(STREAM), Clock.systemUTC());

            // when / then
            assertThatThrownBy(() -> sink.write(rows(1, 100), soon()))
                    .isInstanceOf(PortException.class)
                    .hasMessageContaining("Cannot resolve")
                    .hasMessageContaining("eu-west-1")
                    .hasMessageContaining("AWS_ENDPOINT_URL_FIREHOSE");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static PutRecordBatchRequest request(List<byte[]> records) {
        return PutRecordBatchRequest.builder().deliveryStreamName(STREAM)
                .records(records.stream().map(data -> Record.builder().data(SdkBytes.fromByteArray(data)).build()).toList())
                .build();
    }

    private FirehoseRowSink sink(FirehoseRowSink.Settings settings) {
        return new FirehoseRowSink(client, settings, Clock.systemUTC());
    }

    private static Instant soon() {
        return Instant.now().plusSeconds(30);
    }

    private WriteOutcome<EncodedRow> write(List<EncodedRow> rows, FirehoseRowSink.Settings settings, List<Call> calls) {
        return writeBy(rows, settings, soon(), calls);
    }

    private WriteOutcome<EncodedRow> writeBy(List<EncodedRow> rows, FirehoseRowSink.Settings settings, Instant deadline,
                                             List<Call> calls) {
        int before = firehose.calls().size();
        WriteOutcome<EncodedRow> outcome = sink(settings).write(rows, deadline);
        calls.addAll(firehose.calls().subList(before, firehose.calls().size()));
        return outcome;
    }

    private List<Call> callsOf(Runnable action) {
        int before = firehose.calls().size();
        action.run();
        List<Call> all = firehose.calls();
        return all.subList(before, all.size());
    }

    private static int lineCount(byte[] record) {
        int lines = 0;
        for (byte b : record) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
