package dev.fanout.domain.batch;

import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * An in-memory sink that misbehaves like Firehose on a bad day, reproducibly (seeded): whole calls
 * throttled, calls that time out after storing everything (ambiguous), single items refused. It keeps
 * every item it stored, with how often, so tests can check exactly-once and count duplicates.
 */
final class UnreliableSink<T> {

    private final RandomGenerator random;
    private final double throttledCalls;
    private final double ambiguousCalls;
    private final double refusedItems;
    private final FakeTime time;
    private final Duration callTakes;
    private final Map<T, Integer> stored = new IdentityHashMap<>();
    private final List<Integer> callSizes = new ArrayList<>();
    private int failAfterCalls = Integer.MAX_VALUE;
    private final List<T> refuseForGood = new ArrayList<>();

    UnreliableSink(RandomGenerator random, double throttledCalls, double ambiguousCalls, double refusedItems,
                   FakeTime time, Duration callTakes) {
        this.random = random;
        this.throttledCalls = throttledCalls;
        this.ambiguousCalls = ambiguousCalls;
        this.refusedItems = refusedItems;
        this.time = time;
        this.callTakes = callTakes;
    }

    static <T> UnreliableSink<T> reliable(FakeTime time) {
        return new UnreliableSink<>(RandomGenerator.of("L64X128MixRandom"), 0, 0, 0, time, Duration.ZERO);
    }

    /** From call number {@code calls + 1} on, the sink throws as if its stream had been deleted. */
    UnreliableSink<T> failingAfter(int calls) {
        this.failAfterCalls = calls;
        return this;
    }

    /** These items are refused as not retryable, always. */
    UnreliableSink<T> refusingForGood(List<T> items) {
        refuseForGood.addAll(items);
        return this;
    }

    WriteOutcome<T> write(List<T> items, Instant deadline) {
        callSizes.add(items.size());
        if (callSizes.size() > failAfterCalls) {
            throw new PortException("stream 'rows' not found in eu-west-1");
        }
        // like a real sink, a call never runs past the deadline it was given
        Duration left = Duration.between(time.instant(), deadline);
        time.pass(left.isNegative() ? Duration.ZERO : callTakes.compareTo(left) < 0 ? callTakes : left);
        if (!time.instant().isBefore(deadline)) {
            return refuseAll(items, "not sent: the deadline passed", Kind.NOT_SENT);
        }
        double call = random.nextDouble();
        if (call < throttledCalls) {
            return refuseAll(items, "throttled: ThrottlingException", Kind.RETRYABLE);
        }
        if (call < throttledCalls + ambiguousCalls) {
            items.forEach(item -> stored.merge(item, 1, Integer::sum));
            return refuseAll(items, "timed out: after 2 s", Kind.POSSIBLY_WRITTEN);
        }
        List<T> written = new ArrayList<>();
        List<Refusal<T>> refused = new ArrayList<>();
        for (T item : items) {
            if (refuseForGood.stream().anyMatch(bad -> bad == item)) {
                refused.add(new Refusal<>(item, "row.too_large", false));
            } else if (random.nextDouble() < refusedItems) {
                refused.add(new Refusal<>(item, "refused: ServiceUnavailableException", true));
            } else {
                stored.merge(item, 1, Integer::sum);
                written.add(item);
            }
        }
        return new WriteOutcome<>(written, refused);
    }

    /** Every item stored, repeated once for each time it was stored. */
    List<T> storedItems() {
        List<T> items = new ArrayList<>();
        stored.forEach((item, times) -> {
            for (int i = 0; i < times; i++) {
                items.add(item);
            }
        });
        return items;
    }

    int timesStored(T item) {
        return stored.getOrDefault(item, 0);
    }

    List<Integer> callSizes() {
        return List.copyOf(callSizes);
    }

    private static <T> WriteOutcome<T> refuseAll(List<T> items, String reason, Kind kind) {
        return new WriteOutcome<>(List.of(), items.stream().map(item -> new Refusal<>(item, reason, kind)).toList());
    }
}
