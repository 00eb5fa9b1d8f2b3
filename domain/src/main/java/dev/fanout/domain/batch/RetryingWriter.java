package dev.fanout.domain.batch;

import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The retry policy of the write path: hands a batch to a sink, then resends only what the sink refused as
 * retryable, with {@link Backoff exponential backoff and full jitter}, until everything is written, nothing
 * retryable is left, the attempts are used up, or the next wait would end past the caller's deadline. It
 * never sleeps past the deadline, and it never drops an item: the {@link RetryOutcome} names every item
 * as written or unwritten.
 *
 * <p>Sinks make one attempt per call and mark refusals whose fate is unknown (the call timed out or its
 * connection broke after the request was sent, so the service may have stored it) with the kind
 * {@link Kind#POSSIBLY_WRITTEN}. Resending those may duplicate them; this class counts such resends and
 * lists the items concerned. A refusal of kind {@link Kind#NOT_SENT} never reached the service, so it says
 * nothing about it: the reasons keep the service's last own answer instead.
 *
 * <p>Items are tracked by identity, so equal items in one batch are still counted separately. Not thread
 * safe; one instance per writing thread, or share it across sequential calls.
 */
public final class RetryingWriter<T> {

    private final BatchWriter<T> sink;
    private final Backoff backoff;
    private final int maxAttempts;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /**
     * @param sink        one attempt at writing a batch
     * @param backoff     the waits between attempts
     * @param maxAttempts attempts per call of {@link #write}, at least 1
     * @param clock       the time the deadline is measured against
     * @param sleeper     how to wait
     * @param random      the jitter source; seed it for reproducible waits
     */
    public RetryingWriter(BatchWriter<T> sink, Backoff backoff, int maxAttempts, InstantSource clock,
                          Sleeper sleeper, RandomGenerator random) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    /** Writes {@code items} by {@code deadline}, resending refusals as long as that may help. */
    public RetryOutcome<T> write(List<T> items, Instant deadline) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(deadline, "deadline");
        List<T> written = new ArrayList<>(items.size());
        List<Refusal<T>> unwritten = new ArrayList<>();
        Set<T> ambiguouslyRefused = Collections.newSetFromMap(new IdentityHashMap<>());
        long ambiguousResends = 0;
        int attempts = 0;
        List<T> pending = List.copyOf(items);
        Map<T, Refusal<T>> lastRefusal = new IdentityHashMap<>();
        Map<T, Refusal<T>> lastAnswer = new IdentityHashMap<>();
        PortException failure = null;

        while (!pending.isEmpty()) {
            if (attempts > 0) {
                String stop = waitBeforeRetry(attempts - 1, deadline);
                if (stop != null) {
                    for (T item : pending) {
                        Refusal<T> last = lastRefusal.get(item);
                        unwritten.add(new Refusal<>(item, stop + " (" + history(last, lastAnswer.get(item)) + ")",
                                last.kind()));
                    }
                    break;
                }
                for (T item : pending) {
                    if (ambiguouslyRefused.contains(item)) {
                        ambiguousResends++;
                    }
                }
            }
            WriteOutcome<T> outcome;
            attempts++;
            try {
                outcome = sink.write(pending, deadline);
            } catch (PortException e) {
                failure = e;
                for (T item : pending) {
                    unwritten.add(new Refusal<>(item, "failed: " + e.getMessage(), Kind.FINAL));
                }
                break;
            }
            requireEveryItemOnce(pending, outcome);
            written.addAll(outcome.written());
            List<T> retry = new ArrayList<>();
            for (Refusal<T> refusal : outcome.refused()) {
                T item = refusal.item();
                if (refusal.possiblyWritten()) {
                    ambiguouslyRefused.add(item);
                } else if (!refusal.notSent()) {
                    lastAnswer.put(item, refusal);
                }
                if (refusal.retryable() && attempts < maxAttempts) {
                    retry.add(item);
                    // A refusal for an item never sent says nothing about the service: keep the last one that did.
                    if (!refusal.notSent() || !lastRefusal.containsKey(item)) {
                        lastRefusal.put(item, refusal);
                    }
                } else if (refusal.retryable()) {
                    unwritten.add(new Refusal<>(item, "gave up after " + attempts + " attempts ("
                            + history(refusal, lastAnswer.get(item)) + ")", refusal.kind()));
                } else {
                    unwritten.add(refusal);
                }
            }
            pending = retry;
        }

        List<T> possibleDuplicates = written.stream().filter(ambiguouslyRefused::contains).toList();
        List<T> possiblyWritten = unwritten.stream().map(Refusal::item).filter(ambiguouslyRefused::contains).toList();
        return new RetryOutcome<>(written, unwritten, possibleDuplicates, possiblyWritten, attempts,
                ambiguousResends, Optional.ofNullable(failure));
    }

    /**
     * The last refusal of an item, and the service's own last answer when that differs: an attempt cut short by
     * the deadline ends in a timeout, which would otherwise hide what the service kept saying.
     */
    private static String history(Refusal<?> last, Refusal<?> lastAnswer) {
        String history = "last: " + last.reason();
        return lastAnswer == null || lastAnswer == last ? history
                : history + "; the service last answered: " + lastAnswer.reason();
    }

    /** Sleeps before retry {@code retry}; returns why not to retry at all, or null to go on. */
    private String waitBeforeRetry(int retry, Instant deadline) {
        Duration delay = backoff.delay(retry, random);
        Instant now = clock.instant();
        if (!now.plus(delay).isBefore(deadline)) {
            return "deadline " + deadline + " reached";
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting to retry";
        }
        return clock.instant().isBefore(deadline) ? null : "deadline " + deadline + " reached";
    }

    private static <T> void requireEveryItemOnce(List<T> sent, WriteOutcome<T> outcome) {
        Map<T, Integer> counts = new IdentityHashMap<>();
        for (T item : sent) {
            counts.merge(item, 1, Integer::sum);
        }
        List<T> returned = new ArrayList<>(outcome.written());
        outcome.refused().forEach(refusal -> returned.add(refusal.item()));
        for (T item : returned) {
            Integer left = counts.get(item);
            if (left == null || left == 0) {
                throw new IllegalStateException("the sink returned an item it was not sent, or one twice: " + item);
            }
            counts.put(item, left - 1);
        }
        if (returned.size() != sent.size()) {
            throw new IllegalStateException("the sink was sent " + sent.size() + " items but accounted for "
                    + returned.size() + "; every item must come back written or refused");
        }
    }
}
