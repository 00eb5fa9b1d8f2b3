package dev.fanout.adapters.aws.fakes;

import java.time.Duration;
import java.util.Map;

/** How a fake AWS service answers one call; the test's behaviour picks one per call. */
public sealed interface Reply {

    /** Stores everything, except (Firehose) the records at the refused indexes, which get the given error code. */
    record Accept(Map<Integer, String> refusedCodes) implements Reply {
        public static Accept all() {
            return new Accept(Map.of());
        }
    }

    /** Stores nothing; answers with an error status and {@code __type} (Firehose) or {@code <Code>} (S3). */
    record Fail(int status, String type, String message) implements Reply {
    }

    /** Stores everything, then answers after {@code delay}: a client with a shorter timeout gives up. */
    record Slow(Duration delay) implements Reply {
    }

    /** Stores nothing and resets the connection. */
    record Reset() implements Reply {
    }

    /**
     * (Firehose) Stores every record but answers with {@code entries} response entries instead of one per
     * record: an answer that does not match the request. (S3) Stores the object.
     */
    record Garbled(int entries) implements Reply {
    }
}
