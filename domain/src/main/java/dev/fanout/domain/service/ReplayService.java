package dev.fanout.domain.service;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.DamagedInput;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.RowBatch;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.SkippedInput;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.in.BundleListener;
import dev.fanout.ports.in.BundleOutcome;
import dev.fanout.ports.in.BundleReport;
import dev.fanout.ports.in.FanOutBundle;
import dev.fanout.ports.in.ProgressListener;
import dev.fanout.ports.in.ReplayBundles;
import dev.fanout.ports.in.RunSummary;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Replays a whole source: reads envelopes on the calling thread, fans chunks of them out in parallel on the
 * injected executor, each chunk's rows going straight into a batch of the row sink ({@link RowSink#newBatch()}),
 * and writes each chunk's rows and dead letters on the calling thread strictly in source order, so the output
 * is the same whatever the parallelism. At most {@link ReplaySettings#chunksInFlight()}
 * chunks are read but unwritten at any time. What a sink refuses is counted as unwritten in the summary, and
 * the replay stops reading after that chunk ({@link RunSummary#stoppedEarly()}): a sink that refuses after its
 * own retries is failing, and every further chunk would only wait out its whole write budget in turn. An
 * outage ({@code PortException}) ends the run; a defect while fanning out one bundle does not (it becomes that
 * bundle's {@code bundle.internal_error} dead letter). A replay gives each write its own budget
 * ({@link #replay}); an invocation gives all of them one absolute deadline ({@link #replayUntil}). The sinks
 * stay open: the caller owns and closes them.
 */
public final class ReplayService implements ReplayBundles {

    private final FanOutBundle fanOut;
    private final ExecutorService workers;
    private final InstantSource clock;
    private final ReplaySettings settings;

    public ReplayService(FanOutBundle fanOut, ExecutorService workers, InstantSource clock, ReplaySettings settings) {
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Each chunk's rows, then its dead letters, each get {@link ReplaySettings#writeBudget()} from the clock. */
    @Override
    public RunSummary replay(BundleSource source, RowSink rows, DeadLetterSink deadLetters, ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        return run(source, rows, deadLetters, () -> clock.instant().plus(settings.writeBudget()), progress,
                BundleListener.NONE);
    }

    /**
     * Every write of the run, rows and dead letters of every chunk, shares the one absolute {@code deadline}: an
     * invocation's time is spent once, not once per chunk and sink.
     */
    @Override
    public RunSummary replayUntil(BundleSource source, RowSink rows, DeadLetterSink deadLetters, Instant deadline,
                                  BundleListener bundles) {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(bundles, "bundles");
        return run(source, rows, deadLetters, () -> deadline, ProgressListener.NONE, bundles);
    }

    private RunSummary run(BundleSource source, RowSink rows, DeadLetterSink deadLetters, Supplier<Instant> deadline,
                           ProgressListener progress, BundleListener bundles) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        Totals totals = new Totals();
        Writes writes = new Writes(rows, deadLetters, deadline, totals, source, progress, bundles);
        boolean reports = bundles != BundleListener.NONE;
        try {
            List<BundleEnvelope> pending = new ArrayList<>(settings.chunkBundles());
            long pendingBytes = 0;
            while (!totals.stoppedEarly) {
                Optional<BundleEnvelope> next = source.next();
                if (next.isEmpty()) {
                    break;
                }
                BundleEnvelope envelope = next.get();
                pending.add(envelope);
                pendingBytes += sizeOf(envelope);
                if (pending.size() >= settings.chunkBundles() || pendingBytes >= settings.chunkBytes()) {
                    inFlight.addLast(submit(pending, rows, reports));
                    pending = new ArrayList<>(settings.chunkBundles());
                    pendingBytes = 0;
                    while (inFlight.size() >= settings.chunksInFlight() && !totals.stoppedEarly) {
                        writes.write(await(inFlight.removeFirst()));
                    }
                }
            }
            if (!pending.isEmpty() && !totals.stoppedEarly) {
                inFlight.addLast(submit(pending, rows, reports));
            }
            while (!inFlight.isEmpty() && !totals.stoppedEarly) {
                writes.write(await(inFlight.removeFirst()));
            }
        } finally {
            // After an outage or an unwritten chunk, whatever is still being fanned out is not wanted.
            inFlight.forEach(future -> future.cancel(true));
        }
        return totals.summary(source.progress().bytesRead(), source.skipped(), source.damaged());
    }

    private static long sizeOf(BundleEnvelope envelope) {
        return switch (envelope) {
            case BundleEnvelope.RawBundle raw -> raw.payload().size();
            case BundleEnvelope.BadEnvelope bad -> bad.undecodedValue().size();
            case BundleEnvelope.TooLarge tooLarge -> tooLarge.prefix().size();
        };
    }

    /** Fans a chunk out on a worker, its rows going straight into a new batch of the row sink. */
    private Future<Chunk> submit(List<BundleEnvelope> envelopes, RowSink rows, boolean reports) {
        return workers.submit(() -> Chunk.of(envelopes, fanOut, rows::newBatch, reports));
    }

    private static Chunk await(Future<Chunk> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("replay interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("fan-out failed", e.getCause());
        }
    }

    /** Writes the chunks of one run, in order, on the calling thread, and counts them. */
    private record Writes(RowSink rows, DeadLetterSink deadLetters, Supplier<Instant> deadline, Totals totals,
                          BundleSource source, ProgressListener progress, BundleListener bundles) {

        void write(Chunk chunk) {
            if (chunk.rows.size() > 0) {
                long unwritten = rows.writeBatch(chunk.rows, deadline.get());
                totals.unwrittenRows += unwritten;
                totals.stoppedEarly |= unwritten > 0;
            }
            if (!chunk.deadLetters.isEmpty()) {
                WriteOutcome<DeadLetter> outcome = deadLetters.write(chunk.deadLetters, deadline.get());
                totals.unwrittenDeadLetters += outcome.refused().size();
                totals.stoppedEarly |= !outcome.refused().isEmpty();
            }
            totals.add(chunk);
            chunk.reports.forEach(bundles::bundleDone);
            progress.progressed(source.progress());
        }
    }

    /**
     * The fan-out of one chunk of bundles, in source order, with its counts. A bundle whose fan-out throws (a
     * defect) becomes a {@code bundle.internal_error} dead letter and the chunk goes on. Rows it made before
     * failing went into the chunk's batch, which cannot take rows back: the chunk starts again in a fresh
     * batch, the failed bundles taken out. Fan-out is deterministic, so the others give the same rows again;
     * the abandoned batch is never written. Costs nothing unless a bundle fails.
     */
    private static final class Chunk {
        RowBatch rows;
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final boolean reporting;
        final List<BundleReport> reports = new ArrayList<>();
        long bundles;
        long deadBundles;
        long points;
        final long[] rejected = new long[RejectionReason.values().length];

        private Chunk(RowBatch rows, boolean reports) {
            this.rows = rows;
            this.reporting = reports;
        }

        static Chunk of(List<BundleEnvelope> envelopes, FanOutBundle fanOut, Supplier<RowBatch> batches,
                        boolean reports) {
            Map<Integer, RuntimeException> failed = new HashMap<>();
            while (true) {
                Chunk chunk = new Chunk(batches.get(), reports);
                int failing = chunk.fanOut(envelopes, fanOut, failed);
                if (failing < 0) {
                    return chunk;
                }
            }
        }

        /** Fans every bundle out; the index of a bundle that newly failed (to start again without it), or -1. */
        private int fanOut(List<BundleEnvelope> envelopes, FanOutBundle fanOut, Map<Integer, RuntimeException> failed) {
            for (int i = 0; i < envelopes.size(); i++) {
                BundleEnvelope envelope = envelopes.get(i);
                RuntimeException error = failed.get(i);
                BundleOutcome outcome;
                if (error != null) {
                    outcome = InternalErrors.outcome(envelope, error);
                } else {
                    int before = rows.size();
                    try {
                        outcome = fanOut.fanOut(envelope, rows);
                    } catch (RuntimeException e) {
                        failed.put(i, e);
                        if (rows.size() != before) {
                            return i;
                        }
                        outcome = InternalErrors.outcome(envelope, e);
                        error = e;
                    }
                }
                add(envelope, outcome, error);
            }
            return -1;
        }

        private void add(BundleEnvelope envelope, BundleOutcome outcome, RuntimeException error) {
            bundles++;
            if (outcome.bundleDead()) {
                deadBundles++;
            }
            points += outcome.pointsWalked();
            deadLetters.addAll(outcome.deadLetters());
            for (DeadLetter letter : outcome.deadLetters()) {
                rejected[letter.reason().ordinal()]++;
            }
            if (reporting) {
                reports.add(report(envelope, outcome, error));
            }
        }

        private static BundleReport report(BundleEnvelope envelope, BundleOutcome outcome, RuntimeException error) {
            return BundleReport.of(envelope.source(), outcome, Optional.ofNullable(error).map(InternalErrors::typeOf));
        }
    }

    /** The running counts of a replay. */
    private static final class Totals {
        long bundles;
        long deadBundles;
        long points;
        long rows;
        final long[] rejected = new long[RejectionReason.values().length];
        long unwrittenRows;
        long unwrittenDeadLetters;
        boolean stoppedEarly;

        void add(Chunk chunk) {
            bundles += chunk.bundles;
            deadBundles += chunk.deadBundles;
            points += chunk.points;
            rows += chunk.rows.size();
            for (int i = 0; i < rejected.length; i++) {
                rejected[i] += chunk.rejected[i];
            }
        }

        RunSummary summary(long bytesRead, List<SkippedInput> skipped, List<DamagedInput> damaged) {
            Map<RejectionReason, Long> byReason = new EnumMap<>(RejectionReason.class);
            for (RejectionReason reason : RejectionReason.values()) {
                if (rejected[reason.ordinal()] > 0) {
                    byReason.put(reason, rejected[reason.ordinal()]);
                }
            }
            return new RunSummary(bundles, deadBundles, points, rows, byReason, bytesRead, unwrittenRows,
                    unwrittenDeadLetters, skipped, stoppedEarly, damaged);
        }
    }
}
