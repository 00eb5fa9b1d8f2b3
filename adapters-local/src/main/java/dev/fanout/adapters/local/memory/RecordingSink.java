package dev.fanout.adapters.local.memory;

import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What both in-memory sinks share: keeps what was written, in order, and refuses or fails as told.
 * Every method is synchronised, so a test thread may read while one writer thread writes.
 */
final class RecordingSink<T> {

    private final List<T> written = new ArrayList<>();
    private final List<WriteOutcome.Refusal<T>> refused = new ArrayList<>();
    private final List<Rule<T>> rules = new ArrayList<>();
    private final Map<T, Integer> offers = new HashMap<>();
    private int failingWrites;
    private String failureMessage = "";
    private int writeCalls;
    private boolean closed;

    synchronized WriteOutcome<T> write(List<T> items) {
        Objects.requireNonNull(items, "items");
        if (closed) {
            throw new IllegalStateException("the sink is closed");
        }
        writeCalls++;
        if (failingWrites > 0) {
            failingWrites--;
            throw new PortException(failureMessage);
        }
        List<T> accepted = new ArrayList<>(items.size());
        List<WriteOutcome.Refusal<T>> refusals = new ArrayList<>();
        for (T item : items) {
            Rule<T> rule = rules.isEmpty() ? null : ruleFor(item, offers.merge(item, 1, Integer::sum));
            if (rule == null) {
                accepted.add(item);
            } else {
                refusals.add(new WriteOutcome.Refusal<>(item, rule.reason(), rule.retryable()));
            }
        }
        written.addAll(accepted);
        refused.addAll(refusals);
        return new WriteOutcome<>(accepted, refusals);
    }

    private Rule<T> ruleFor(T item, int offer) {
        for (Rule<T> rule : rules) {
            if (offer <= rule.times() && rule.which().test(item)) {
                return rule;
            }
        }
        return null;
    }

    synchronized void refuse(Predicate<? super T> which, int times, String reason, boolean retryable) {
        Objects.requireNonNull(which, "which");
        Objects.requireNonNull(reason, "reason");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        rules.add(new Rule<>(which, times, reason, retryable));
    }

    synchronized void failWrites(int times, String message) {
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative, got " + times);
        }
        failingWrites = times;
        failureMessage = Objects.requireNonNull(message, "message");
    }

    synchronized List<T> written() {
        return List.copyOf(written);
    }

    synchronized List<WriteOutcome.Refusal<T>> refused() {
        return List.copyOf(refused);
    }

    synchronized int writeCalls() {
        return writeCalls;
    }

    synchronized void close() {
        closed = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private record Rule<T>(Predicate<? super T> which, int times, String reason, boolean retryable) {
    }
}
