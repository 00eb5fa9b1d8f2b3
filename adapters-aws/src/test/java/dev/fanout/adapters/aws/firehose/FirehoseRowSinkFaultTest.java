package dev.fanout.adapters.aws.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.adapters.aws.fakes.Reply;
import dev.fanout.adapters.aws.fakes.Reply.Accept;
import dev.fanout.adapters.aws.fakes.Reply.Fail;
import dev.fanout.adapters.aws.fakes.Reply.Garbled;
import dev.fanout.adapters.aws.fakes.Reply.Reset;
import dev.fanout.adapters.aws.fakes.Reply.Slow;
import dev.fanout.adapters.aws.firehose.FakeFirehose.Call;
import dev.fanout.domain.batch.Backoff;
import dev.fanout.domain.batch.RetryOutcome;
import dev.fanout.domain.batch.RetryingWriter;
import dev.fanout.domain.batch.Sleeper;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * The one end-to-end fault test: the domain's retry policy ({@link RetryingWriter}, test scope only) driving
 * the real {@link FirehoseRowSink} and SDK client against a fake Firehose that throttles 30 % of calls,
 * refuses 20 % of records, fails some calls with 500, answers some too slowly (after storing them) and
 * resets some connections. Nothing may be lost silently: every row is written or reported unwritten, and
 * a row reaches Firehose more than once only after an ambiguous attempt, flagged as a possible duplicate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirehoseRowSinkFaultTest {

    private static final Duration CALL_TIMEOUT = Duration.ofMillis(250);

    private FakeFirehose firehose;
    private FirehoseClient client;

    @BeforeAll
    void startFakeAndWarmUp() {
        firehose = new FakeFirehose();
        client = firehose.client();
        // the first call of a JVM loads and links half the SDK; keep that out of the timed calls
        new FirehoseRowSink(client, FirehoseRowSink.Settings.packed("warm-up"), Clock.systemUTC())
                .write(rows(1), Instant.now().plusSeconds(30));
    }

    @AfterAll
    void stopFake() {
        client.close();
        firehose.close();
    }

    @ParameterizedTest(name = "rows per record: {0}")
    @ValueSource(ints = {5, 1})
    void retries_writeEveryRowExactlyOnceOrFlagIt_underThrottlingRefusals5xxSlowResponsesAndResets(int rowsPerRecord) {
        // given
        int callsBefore = firehose.calls().size();
        firehose.behave(faulty(callsBefore, new SplittableRandom(20_251_121L + rowsPerRecord)));
        int storedBefore = firehose.storedRows().size();
        List<EncodedRow> rows = rows(3_000);
        FirehoseRowSink sink = new FirehoseRowSink(client, FirehoseRowSink.Settings.packed("fault-rows")
                .withRowsPerRecord(rowsPerRecord).withRecordsPerCall(20).withCallTimeout(CALL_TIMEOUT), Clock.systemUTC());
        RetryingWriter<EncodedRow> writer = new RetryingWriter<>(sink::write,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(100)), 40, Clock.systemUTC(), Sleeper.THREAD,
                new SplittableRandom(7));

        // when
        RetryOutcome<EncodedRow> outcome = writer.write(rows, Instant.now().plusSeconds(25));

        // then: the faults really happened
        List<Call> calls = firehose.calls().subList(callsBefore, firehose.calls().size());
        Set<String> kinds = calls.stream().map(call -> kind(call.reply())).collect(Collectors.toSet());
        assertThat(kinds).contains("throttled", "5xx", "slow", "reset", "refused-some");
        // every row is accounted for exactly once, and here all got through
        assertAccountedOnce(rows, outcome);
        assertThat(outcome.complete()).as("unwritten: %s", outcome.unwritten()).isTrue();
        // each row reached Firehose at least once; more than once only where an ambiguous attempt came first
        Map<String, Integer> stored = timesStored(firehose.storedRows().subList(storedBefore, firehose.storedRows().size()));
        Set<String> flagged = outcome.possibleDuplicates().stream().map(EncodedRow::rowId).collect(Collectors.toSet());
        int duplicates = 0;
        for (EncodedRow row : rows) {
            int times = stored.getOrDefault(row.rowId(), 0);
            assertThat(times).as("row %s", row.rowId()).isPositive();
            if (times > 1) {
                assertThat(flagged).as("duplicated row %s is flagged", row.rowId()).contains(row.rowId());
                duplicates += times - 1;
            }
        }
        assertThat(duplicates).as("slow calls stored rows that were then resent").isPositive();
        assertThat((long) duplicates).isLessThanOrEqualTo(outcome.ambiguousResends());
        assertThat(stored.keySet()).isEqualTo(rows.stream().map(EncodedRow::rowId).collect(Collectors.toSet()));
    }

    @Test
    void retries_reportWhatIsLeftAsUnwritten_whenFirehoseStaysThrottledPastTheDeadline() {
        // given: 8 calls of 50 rows; the first 4 go through, then everything is throttled; the caller has 1.5 s
        int callsBefore = firehose.calls().size();
        firehose.behave((call, records) -> call - callsBefore <= 4 ? Accept.all() : new Fail(400, "ThrottlingException", "rate"));
        int storedBefore = firehose.storedRows().size();
        List<EncodedRow> rows = rows(400);
        FirehoseRowSink sink = new FirehoseRowSink(client, FirehoseRowSink.Settings.packed("fault-rows")
                .withRowsPerRecord(5).withRecordsPerCall(10).withCallTimeout(CALL_TIMEOUT), Clock.systemUTC());
        RetryingWriter<EncodedRow> writer = new RetryingWriter<>(sink::write,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(400)), 1_000, Clock.systemUTC(), Sleeper.THREAD,
                new SplittableRandom(3));
        Instant deadline = Instant.now().plusMillis(1_500);

        // when
        RetryOutcome<EncodedRow> outcome = writer.write(rows, deadline);

        // then
        assertThat(Instant.now()).isBefore(deadline.plusMillis(300));
        assertAccountedOnce(rows, outcome);
        assertThat(outcome.written()).isNotEmpty();
        assertThat(outcome.unwritten()).isNotEmpty().allSatisfy(refusal -> {
            assertThat(refusal.retryable()).isTrue();
            assertThat(refusal.reason()).startsWith("deadline").containsAnyOf("ThrottlingException", "not sent:");
        });
        Map<String, Integer> stored = timesStored(firehose.storedRows().subList(storedBefore, firehose.storedRows().size()));
        assertThat(outcome.written()).allSatisfy(row -> assertThat(stored.get(row.rowId())).isEqualTo(1));
        assertThat(outcome.unwritten()).allSatisfy(refusal -> assertThat(stored).doesNotContainKey(refusal.item().rowId()));
        assertThat(outcome.possibleDuplicates()).isEmpty();
        // a last call cut short by the deadline may time out on a busy machine: then, and only then, a row is
        // possibly written, and its refusal's kind says so
        Set<EncodedRow> timedOut = outcome.unwritten().stream()
                .filter(Refusal::possiblyWritten)
                .map(Refusal::item).collect(Collectors.toSet());
        assertThat(outcome.possiblyWritten()).allSatisfy(row -> assertThat(timedOut).contains(row));
    }

    /** Call 1 slow, 2 reset, 3 a 500, 4 throttled; then 30 % throttled, 5 % 500, 4 % slow, 3 % reset, else 20 % of records refused. */
    private static FakeFirehose.Behaviour faulty(int callsBefore, SplittableRandom random) {
        return (call, records) -> {
            synchronized (random) {
                switch (call - callsBefore) {
                    case 1:
                        return new Slow(CALL_TIMEOUT.multipliedBy(3));
                    case 2:
                        return new Reset();
                    case 3:
                        return new Fail(500, "InternalFailure", "oops");
                    case 4:
                        return new Fail(400, "ThrottlingException", "Rate exceeded");
                    default:
                        break;
                }
                double r = random.nextDouble();
                if (r < 0.15) {
                    return new Fail(400, "ThrottlingException", "Rate exceeded");
                }
                if (r < 0.30) {
                    return new Fail(503, "ServiceUnavailableException", "Slow down.");
                }
                if (r < 0.35) {
                    return new Fail(500, "InternalFailure", "oops");
                }
                if (r < 0.39) {
                    return new Slow(CALL_TIMEOUT.multipliedBy(3));
                }
                if (r < 0.42) {
                    return new Reset();
                }
                Map<Integer, String> refused = new HashMap<>();
                for (int i = 0; i < records.size(); i++) {
                    if (random.nextDouble() < 0.20) {
                        refused.put(i, random.nextBoolean() ? "ServiceUnavailableException" : "InternalFailure");
                    }
                }
                return new Accept(refused);
            }
        };
    }

    private static String kind(Reply reply) {
        return switch (reply) {
            case Fail fail when fail.status() >= 500 && !fail.type().equals("ServiceUnavailableException") -> "5xx";
            case Fail fail -> "throttled";
            case Slow slow -> "slow";
            case Reset reset -> "reset";
            case Garbled garbled -> "garbled";
            case Accept accept -> accept.refusedCodes().isEmpty() ? "accepted" : "refused-some";
        };
    }

    private static void assertAccountedOnce(List<EncodedRow> rows, RetryOutcome<EncodedRow> outcome) {
        List<String> accounted = new ArrayList<>(outcome.written().stream().map(EncodedRow::rowId).toList());
        outcome.unwritten().stream().map(Refusal::item).map(EncodedRow::rowId).forEach(accounted::add);
        assertThat(accounted).containsExactlyInAnyOrderElementsOf(rows.stream().map(EncodedRow::rowId).toList());
        assertThat(new HashSet<>(accounted)).hasSize(rows.size());
    }

    private static Map<String, Integer> timesStored(List<String> storedRows) {
        Map<String, Integer> times = new HashMap<>();
        for (String json : storedRows) {
            String rowId = json.substring(json.indexOf("\"rowId\":\"") + 9, json.indexOf("\"rowId\":\"") + 41);
            times.merge(rowId, 1, Integer::sum);
        }
        return times;
    }

    private static List<EncodedRow> rows(int count) {
        return IntStream.range(0, count).mapToObj(n -> TestRows.row(n, 120 + n % 300)).toList();
    }
}
