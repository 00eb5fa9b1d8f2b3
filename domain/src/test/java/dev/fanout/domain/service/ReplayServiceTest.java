package dev.fanout.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.domain.testing.CorpusFiles;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.RowBatch;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.SourceProgress;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.in.BundleListener;
import dev.fanout.ports.in.BundleOutcome;
import dev.fanout.ports.in.BundleReport;
import dev.fanout.ports.in.FanOutBundle;
import dev.fanout.ports.in.ProgressListener;
import dev.fanout.ports.in.RunSummary;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplayServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final InstantSource CLOCK = InstantSource.fixed(NOW);
    private static final String EDGE = "/conformance/lmdp/lmdp-edge-seed3.jsonl";

    private final ExecutorService workers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopWorkers() throws InterruptedException {
        workers.shutdownNow();
        assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** The edge corpus plus a bad envelope, so that every kind of outcome is in the run. */
    private static List<BundleEnvelope> bundles() {
        List<BundleEnvelope> envelopes = new ArrayList<>(CorpusFiles.bundles(EDGE));
        envelopes.add(5, new BundleEnvelope.BadEnvelope(new Provenance.KafkaRecord("t", 0, 9), "not base64",
                Payload.utf8("%%%")));
        return envelopes;
    }

    /** A fan-out that takes a different, seeded time per bundle, so parallel chunks finish out of order. */
    private static FanOutBundle unevenlySlow(FanOutBundle fanOut) {
        return envelope -> {
            long nanos = (Math.abs(envelope.source().hashCode()) % 7) * 300_000L;
            LockSupport.parkNanos(nanos);
            return fanOut.fanOut(envelope);
        };
    }

    @Test
    void replay_writesRowsAndDeadLettersInSourceOrder_whateverOrderTheWorkersFinishIn() {
        // given
        BundleFanOut fanOut = new BundleFanOut(FanOutSettings.defaults().withOrgKey("tenant"));
        List<BundleEnvelope> envelopes = bundles();
        List<EncodedRow> expectedRows = new ArrayList<>();
        List<DeadLetter> expectedLetters = new ArrayList<>();
        for (BundleEnvelope envelope : envelopes) {
            BundleOutcome outcome = fanOut.fanOut(envelope);
            expectedRows.addAll(outcome.rows());
            expectedLetters.addAll(outcome.deadLetters());
        }
        ReplaySettings small = ReplaySettings.local().withChunkBundles(3).withChunksInFlight(6);

        for (int run = 0; run < 3; run++) {
            CollectingSink.Rows rows = new CollectingSink.Rows(row -> false);
            CollectingSink.DeadLetters letters = new CollectingSink.DeadLetters(letter -> false);
            ReplayService replay = new ReplayService(unevenlySlow(fanOut), workers, CLOCK, small);

            // when
            replay.replay(new ListBundleSource(envelopes, List.of()), rows, letters, ProgressListener.NONE);

            // then
            assertThat(rows.sink.written).as("run %d", run).isEqualTo(expectedRows);
            assertThat(letters.sink.written).as("run %d", run).isEqualTo(expectedLetters);
            assertThat(rows.sink.writers).containsOnly(Thread.currentThread());
        }
    }

    @Test
    void replay_summarisesTheRun_andTheCountsAddUp() {
        // given
        List<BundleEnvelope> envelopes = bundles();
        List<SkippedInput> skipped = List.of(new SkippedInput("notes.txt", "not a bundle format"));
        ListBundleSource source = new ListBundleSource(envelopes, skipped);
        CollectingSink.Rows rows = new CollectingSink.Rows(row -> false);
        CollectingSink.DeadLetters letters = new CollectingSink.DeadLetters(letter -> false);
        ReplayService replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults().withOrgId("acme")), workers,
                CLOCK, ReplaySettings.local());

        // when
        RunSummary summary = replay.replay(source, rows, letters, ProgressListener.NONE);

        // then: the edge corpus has 60 bundles (1 malformed) with 1001 points, 982 of them rows
        assertThat(summary.bundles()).isEqualTo(61);
        assertThat(summary.deadBundles()).isEqualTo(2);
        assertThat(summary.points()).isEqualTo(1001);
        assertThat(summary.rows()).isEqualTo(982).isEqualTo(rows.sink.written.size());
        assertThat(summary.rejectedPoints()).isEqualTo(19);
        assertThat(summary.rejectedByReason()).containsEntry(RejectionReason.BUNDLE_BAD_ENVELOPE, 1L)
                .containsEntry(RejectionReason.BUNDLE_MALFORMED_JSON, 1L);
        assertThat(letters.sink.written).hasSize(21);
        assertThat(summary.bytesRead()).isEqualTo(source.progress().bytesTotal());
        assertThat(summary.unwrittenRows()).isZero();
        assertThat(summary.unwrittenDeadLetters()).isZero();
        assertThat(summary.skipped()).isEqualTo(skipped);
    }

    @Test
    void replay_countsWhatTheSinksRefuseAsUnwritten() {
        // given
        CollectingSink.Rows rows = new CollectingSink.Rows(row -> row.rowId().endsWith("0"));
        CollectingSink.DeadLetters letters = new CollectingSink.DeadLetters(
                letter -> letter.reason() == RejectionReason.BUNDLE_BAD_ENVELOPE);
        ReplayService replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults()), workers, CLOCK,
                ReplaySettings.local());

        // when
        RunSummary summary = replay.replay(new ListBundleSource(bundles(), List.of()), rows, letters,
                ProgressListener.NONE);

        // then
        assertThat(summary.unwrittenRows()).isPositive().isEqualTo(summary.rows() - rows.sink.written.size());
        assertThat(summary.unwrittenDeadLetters()).isEqualTo(1);
    }

    @Test
    void replay_stopsReadingAfterTheFirstChunkThatStaysUnwritten_soAFailingSinkIsNotWaitedOutChunkByChunk() {
        // given chunks of 10 bundles, and a row sink that refuses the rows of bundle 15 (the second chunk)
        List<BundleEnvelope> envelopes = CorpusFiles.bundles(EDGE);
        String refusedBundle = bundleIdOf(envelopes.get(15));
        CollectingSink.Rows rows = new CollectingSink.Rows(row -> row.rowId().startsWith(refusedBundle));
        CollectingSink.DeadLetters letters = new CollectingSink.DeadLetters(letter -> false);
        ListBundleSource source = new ListBundleSource(envelopes, List.of());
        ReplayService replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults()), workers, CLOCK,
                ReplaySettings.local().withChunkBundles(10).withChunksInFlight(2));

        // when
        RunSummary summary = replay.replay(source, rows, letters, ProgressListener.NONE);

        // then
        assertThat(summary.stoppedEarly()).isTrue();
        assertThat(summary.bundles()).isEqualTo(20);
        assertThat(summary.unwrittenRows()).isPositive();
        assertThat(summary.rows()).isEqualTo(rows.sink.written.size() + summary.unwrittenRows());
        assertThat(source.progress().bytesRead()).isLessThan(source.progress().bytesTotal());
    }

    @Test
    void replay_doesNotStopEarly_whenEverythingIsWritten() {
        // given
        ReplayService replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults()), workers, CLOCK,
                ReplaySettings.local().withChunkBundles(10));
        ListBundleSource source = new ListBundleSource(CorpusFiles.bundles(EDGE), List.of());

        // when
        RunSummary summary = replay.replay(source, new CollectingSink.Rows(row -> false),
                new CollectingSink.DeadLetters(letter -> false), ProgressListener.NONE);

        // then
        assertThat(summary.stoppedEarly()).isFalse();
        assertThat(source.progress().bytesRead()).isEqualTo(source.progress().bytesTotal());
    }

    /** docs/row-event.md §4.1: the row ids of a bundle start with the first 24 hex of the SHA-256 of its bytes. */
    private static String bundleIdOf(BundleEnvelope envelope) {
        try {
            byte[] raw = ((BundleEnvelope.RawBundle) envelope).payload().bytes();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void replay_writesWithTheBudgetFromTheClock_reportsProgressPerChunk_andLeavesTheSinksOpen() {
        // given
        List<BundleEnvelope> envelopes = bundles();
        ListBundleSource source = new ListBundleSource(envelopes, List.of());
        CollectingSink.Rows rows = new CollectingSink.Rows(row -> false);
        CollectingSink.DeadLetters letters = new CollectingSink.DeadLetters(letter -> false);
        List<SourceProgress> reports = new ArrayList<>();
        ReplaySettings settings = new ReplaySettings(Duration.ofMinutes(5), 10, 1 << 20, 2);
        ReplayService replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults()), workers, CLOCK, settings);

        // when
        replay.replay(source, rows, letters, reports::add);

        // then
        assertThat(reports).hasSize(7);
        assertThat(reports.getLast().bytesRead()).isEqualTo(source.progress().bytesTotal());
        assertThat(rows.sink.deadlines).containsOnly(NOW.plus(Duration.ofMinutes(5)));
        assertThat(rows.sink.closed).isFalse();
        assertThat(letters.sink.closed).isFalse();
        assertThat(source.closed).isFalse();
    }

    @Test
    void replay_cutsChunksByBytes_too() {
        // given
        List<SourceProgress> reports = new ArrayList<>();
        ReplaySettings settings = new ReplaySettings(Duration.ofDays(1), 1000, 1, 3);
        ReplayService replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults()), workers, CLOCK, settings);

        // when
        replay.replay(new ListBundleSource(bundles(), List.of()), new CollectingSink.Rows(row -> false),
                new CollectingSink.DeadLetters(letter -> false), reports::add);

        // then: every bundle is its own chunk
        assertThat(reports).hasSize(61);
    }

    @Test
    void replay_stopsWithTheSinksOutage() {
        // given
        ReplayService replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults()), workers, CLOCK,
                ReplaySettings.local().withChunkBundles(2));
        RowSink broken = new RowSink() {
            @Override
            public WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline) {
                throw new PortException("disk full");
            }

            @Override
            public void close() {
            }
        };

        // when / then
        assertThatThrownBy(() -> replay.replay(new ListBundleSource(bundles(), List.of()), broken,
                new CollectingSink.DeadLetters(letter -> false), ProgressListener.NONE))
                .isInstanceOf(PortException.class).hasMessage("disk full");
    }

    /** The real fan-out, except that the bundle at {@code failing} adds one row and then throws. */
    private static FanOutBundle failingAt(BundleFanOut real, BundleEnvelope failing) {
        return new FanOutBundle() {
            @Override
            public BundleOutcome fanOut(BundleEnvelope envelope) {
                return real.fanOut(envelope);
            }

            @Override
            public BundleOutcome fanOut(BundleEnvelope envelope, RowBatch rows) {
                if (envelope == failing) {
                    byte[] half = "{\"half\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    rows.add("f".repeat(32), new PartitionKey("o", "m", "2026-11-21", "12"), half, 0, half.length);
                    throw new IllegalStateException("broken invariant");
                }
                return real.fanOut(envelope, rows);
            }
        };
    }

    @Test
    void replay_turnsAFailureOfTheFanOutIntoAnInternalErrorDeadLetter_andTheRunGoesOn() {
        // given: bundle 7 of 61 fails after it made a row; chunks of 4, so its chunk starts again
        BundleFanOut real = new BundleFanOut(FanOutSettings.defaults());
        List<BundleEnvelope> envelopes = bundles();
        BundleEnvelope failing = envelopes.get(7);
        List<EncodedRow> expectedRows = new ArrayList<>();
        for (BundleEnvelope envelope : envelopes) {
            if (envelope != failing) {
                expectedRows.addAll(real.fanOut(envelope).rows());
            }
        }
        CollectingSink.Rows rows = new CollectingSink.Rows(row -> false);
        CollectingSink.DeadLetters letters = new CollectingSink.DeadLetters(letter -> false);
        ReplayService replay = new ReplayService(failingAt(real, failing), workers, CLOCK,
                ReplaySettings.local().withChunkBundles(4));

        // when
        RunSummary summary = replay.replay(new ListBundleSource(envelopes, List.of()), rows, letters,
                ProgressListener.NONE);

        // then
        assertThat(rows.sink.written).isEqualTo(expectedRows);
        assertThat(summary.bundles()).isEqualTo(61);
        assertThat(summary.rows()).isEqualTo(expectedRows.size());
        assertThat(summary.rejectedByReason()).containsEntry(RejectionReason.BUNDLE_INTERNAL_ERROR, 1L);
        DeadLetter internal = letters.sink.written.stream()
                .filter(letter -> letter.reason() == RejectionReason.BUNDLE_INTERNAL_ERROR).findFirst().orElseThrow();
        assertThat(internal.source()).isEqualTo(failing.source());
        assertThat(internal.bundleId()).isPresent();
        assertThat(internal.line().asUtf8()).contains("\"kind\":\"bundle\"", "\"reason\":\"bundle.internal_error\"",
                "java.lang.IllegalStateException: broken invariant", "\"payloadBase64\":");
    }

    @Test
    void replayUntil_givesEveryWriteOfRowsAndDeadLettersTheOneDeadline() {
        // given: chunks of 3 bundles, so many writes
        Instant deadline = NOW.plus(Duration.ofSeconds(42));
        CollectingSink.Rows rows = new CollectingSink.Rows(row -> false);
        CollectingSink.DeadLetters letters = new CollectingSink.DeadLetters(letter -> false);
        ReplayService replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults()), workers, CLOCK,
                ReplaySettings.remote(Duration.ofMinutes(1)).withChunkBundles(3));

        // when
        RunSummary summary = replay.replayUntil(new ListBundleSource(bundles(), List.of()), rows, letters, deadline,
                BundleListener.NONE);

        // then
        assertThat(summary.rows()).isEqualTo(982);
        assertThat(rows.sink.deadlines).hasSizeGreaterThan(5).containsOnly(deadline);
        assertThat(letters.sink.deadlines).hasSizeGreaterThan(1).containsOnly(deadline);
    }

    @Test
    void replayUntil_reportsEveryBundleInSourceOrder_withCountsThatAddUpToTheSummary() {
        // given
        List<BundleEnvelope> envelopes = bundles();
        List<BundleReport> reports = new ArrayList<>();
        ReplayService replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults()), workers, CLOCK,
                ReplaySettings.local().withChunkBundles(5));

        // when
        RunSummary summary = replay.replayUntil(new ListBundleSource(envelopes, List.of()),
                new CollectingSink.Rows(row -> false), new CollectingSink.DeadLetters(letter -> false),
                NOW.plusSeconds(60), reports::add);

        // then
        assertThat(reports).extracting(BundleReport::source)
                .isEqualTo(envelopes.stream().map(BundleEnvelope::source).toList());
        assertThat(reports.stream().mapToLong(BundleReport::rows).sum()).isEqualTo(summary.rows());
        assertThat(reports.stream().mapToLong(BundleReport::points).sum()).isEqualTo(summary.points());
        assertThat(reports.stream().filter(BundleReport::dead).count()).isEqualTo(summary.deadBundles());
        BundleReport badEnvelope = reports.get(5);
        assertThat(badEnvelope.rejected()).isEqualTo(Map.of(RejectionReason.BUNDLE_BAD_ENVELOPE, 1L));
        assertThat(badEnvelope.bundleId()).isEmpty();
        assertThat(reports.stream().filter(r -> r.hasRejections() && !r.dead()))
                .allSatisfy(r -> assertThat(r.bundleId()).isPresent());
    }

    @Test
    void fanOut_ofABundleThatFailsUnexpectedly_isOneInternalErrorDeadLetter() {
        // given: a SHA-256 that cannot be made, so the worker itself fails
        BundleFanOut broken = new BundleFanOut(FanOutSettings.defaults(), () -> {
            throw new IllegalStateException("no digest");
        });
        BundleEnvelope envelope = bundles().getFirst();

        // when
        BundleOutcome outcome = broken.fanOut(envelope);

        // then
        assertThat(outcome.bundleDead()).isTrue();
        assertThat(outcome.rows()).isEmpty();
        assertThat(outcome.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(RejectionReason.BUNDLE_INTERNAL_ERROR);
            assertThat(letter.source()).isEqualTo(envelope.source());
            assertThat(letter.line().asUtf8()).contains("java.lang.IllegalStateException: no digest");
        });
    }

    @Test
    void replay_ofAnEmptySource_writesNothing() {
        // given
        CollectingSink.Rows rows = new CollectingSink.Rows(row -> false);
        ReplayService replay = new ReplayService(new BundleFanOut(FanOutSettings.defaults()), workers, CLOCK,
                ReplaySettings.local());

        // when
        RunSummary summary = replay.replay(new ListBundleSource(List.of(), List.of()), rows,
                new CollectingSink.DeadLetters(letter -> false), ProgressListener.NONE);

        // then
        assertThat(summary).isEqualTo(new RunSummary(0, 0, 0, 0, Map.of(), 0, 0, 0, List.of(), false));
        assertThat(rows.sink.deadlines).isEmpty();
    }
}
