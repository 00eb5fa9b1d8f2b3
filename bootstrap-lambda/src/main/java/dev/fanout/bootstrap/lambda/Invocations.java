package dev.fanout.bootstrap.lambda;

import java.util.function.Supplier;

/** Runs one invocation's work: a failure is logged as one JSON line, then thrown to the runtime. */
final class Invocations {

    private Invocations() {
    }

    static <T> T run(Invocation invocation, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            // The message is the product's own (PortException, UnwrittenException): ids, counts and what to check.
            invocation.log().error("invocation_failed").put("error", e.getClass().getSimpleName())
                    .put("message", String.valueOf(e.getMessage())).write();
            throw e;
        }
    }
}
