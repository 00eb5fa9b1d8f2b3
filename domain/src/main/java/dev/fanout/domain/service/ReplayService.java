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
import dev.fanout.ports.in.BundleOutcome;
import dev.fanout.ports.in.FanOutBundle;
import dev.fanout.ports.in.ProgressListener;
import dev.fanout.ports.in.ReplayBundles;
import dev.fanout.ports.in.RunSummary;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Replays a whole source: reads envelopes on the calling thread, fans chunks of them out in parallel on the
 * injected executor, each chunk's rows going straight into a batch of the row sink ({@link RowSink#newBatch()}),
 * and writes each chunk's rows and dead letters on the calling thread strictly in source order, so the output
 * is the same whatever the parallelism. At most {@link ReplaySettings#chunksInFlight()}
 * chunks are read but unwritten at any time. What a sink refuses is counted as unwritten in the summary, and
 * the replay stops reading after that chunk ({@link RunSummary#stoppedEarly()}): a sink that refuses after its
 * own retries is failing, and every further chunk would only wait out its whole write budget in turn. An
 * outage ({@code PortException}) ends the run. The sinks stay open: the caller owns and closes them.
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

    @Override
    public RunSummary replay(BundleSource source, RowSink rows, DeadLetterSink deadLetters, ProgressListener progress) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(progress, "progress");
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        Totals totals = new Totals();
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
                    inFlight.addLast(submit(pending, rows.newBatch()));
                    pending = new ArrayList<>(settings.chunkBundles());
                    pendingBytes = 0;
                    while (inFlight.size() >= settings.chunksInFlight() && !totals.stoppedEarly) {
                        write(await(inFlight.removeFirst()), rows, deadLetters, totals, source, progress);
                    }
                }
            }
            if (!pending.isEmpty() && !totals.stoppedEarly) {
                inFlight.addLast(submit(pending, rows.newBatch()));
            }
            while (!inFlight.isEmpty() && !totals.stoppedEarly) {
                write(await(inFlight.removeFirst()), rows, deadLetters, totals, source, progress);
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

    /** Fans a chunk out on a worker, its rows going straight into {@code rows}, a batch of the row sink. */
    private Future<Chunk> submit(List<BundleEnvelope> envelopes, RowBatch rows) {
        return workers.submit(() -> Chunk.of(envelopes, fanOut, rows));
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

    private void write(Chunk chunk, RowSink rows, DeadLetterSink deadLetters, Totals totals, BundleSource source,
                       ProgressListener progress) {
        if (chunk.rows.size() > 0) {
            long unwritten = rows.writeBatch(chunk.rows, clock.instant().plus(settings.writeBudget()));
            totals.unwrittenRows += unwritten;
            totals.stoppedEarly |= unwritten > 0;
        }
        if (!chunk.deadLetters.isEmpty()) {
            WriteOutcome<DeadLetter> outcome = deadLetters.write(chunk.deadLetters,
                    clock.instant().plus(settings.writeBudget()));
            totals.unwrittenDeadLetters += outcome.refused().size();
            totals.stoppedEarly |= !outcome.refused().isEmpty();
        }
        totals.add(chunk);
        progress.progressed(source.progress());
    }

    /** The fan-out of one chunk of bundles, in source order, with its counts. */
    private static final class Chunk {
        final RowBatch rows;
        final List<DeadLetter> deadLetters = new ArrayList<>();
        long bundles;
        long deadBundles;
        long points;
        final long[] rejected = new long[RejectionReason.values().length];

        private Chunk(RowBatch rows) {
            this.rows = rows;
        }

        static Chunk of(List<BundleEnvelope> envelopes, FanOutBundle fanOut, RowBatch rows) {
            Chunk chunk = new Chunk(rows);
            for (BundleEnvelope envelope : envelopes) {
                BundleOutcome outcome = fanOut.fanOut(envelope, rows);
                chunk.bundles++;
                if (outcome.bundleDead()) {
                    chunk.deadBundles++;
                }
                chunk.points += outcome.pointsWalked();
                chunk.deadLetters.addAll(outcome.deadLetters());
                for (DeadLetter letter : outcome.deadLetters()) {
                    chunk.rejected[letter.reason().ordinal()]++;
                }
            }
            return chunk;
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
