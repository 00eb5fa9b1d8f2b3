package dev.fanout.adapters.aws.failure;

import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.fakes.Reply;
import dev.fanout.adapters.aws.fakes.Reply.Fail;
import dev.fanout.adapters.aws.firehose.FirehoseRowSink;
import dev.fanout.adapters.aws.s3.S3DeadLetterSink;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PartitionKey;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Each AWS sink as the failure model test drives it: a real SDK client built by {@code AwsClients}, two items
 * to write, and the service's own spelling of a throttling and a server error.
 */
enum SinkUnderTest {

    FIREHOSE("Firehose", "PutRecordBatch", new Fail(400, "ThrottlingException", "Rate exceeded"),
            new Fail(500, "InternalFailure", "try again"), new Fail(400, "AccessDeniedException", "not you"),
            Kind.POSSIBLY_WRITTEN) {
        @Override
        WriteOutcome<?> write(AwsClients.Settings client, Duration callTimeout, InstantSource clock, Instant deadline) {
            try (FirehoseClient firehose = AwsClients.firehose(client)) {
                FirehoseRowSink sink = new FirehoseRowSink(firehose,
                        FirehoseRowSink.Settings.packed("fanout-rows").withRowsPerRecord(1).withCallTimeout(callTimeout),
                        clock);
                return sink.write(List.of(row(1), row(2)), deadline);
            }
        }
    },

    S3("S3", "PutObject", new Fail(503, "SlowDown", "Please reduce your request rate"),
            new Fail(500, "InternalError", "try again"), new Fail(403, "AccessDenied", "not you"),
            // a PutObject to a key derived from the content overwrites, never duplicates
            Kind.RETRYABLE) {
        @Override
        WriteOutcome<?> write(AwsClients.Settings client, Duration callTimeout, InstantSource clock, Instant deadline) {
            try (S3Client s3 = AwsClients.s3(client.withS3PathStyle(true))) {
                S3DeadLetterSink sink = new S3DeadLetterSink(s3,
                        S3DeadLetterSink.Settings.of("fanout-dead-letters", "").withCallTimeout(callTimeout),
                        clock);
                return sink.write(List.of(letter(1), letter(2)), deadline);
            }
        }
    };

    final String service;
    final String operation;
    final Reply throttled;
    final Reply serverError;
    final Reply accessDenied;
    final Kind unknownOutcome;

    SinkUnderTest(String service, String operation, Reply throttled, Reply serverError, Reply accessDenied,
                  Kind unknownOutcome) {
        this.service = service;
        this.operation = operation;
        this.throttled = throttled;
        this.serverError = serverError;
        this.accessDenied = accessDenied;
        this.unknownOutcome = unknownOutcome;
    }

    /** Writes two items through the sink, with a client of {@code client}'s settings, made and closed here. */
    WriteOutcome<?> write(AwsClients.Settings client, Duration callTimeout, Instant deadline) {
        return write(client, callTimeout, Clock.systemUTC(), deadline);
    }

    /** As above, the time left before the deadline measured by {@code clock}. */
    abstract WriteOutcome<?> write(AwsClients.Settings client, Duration callTimeout, InstantSource clock,
                                   Instant deadline);

    static EncodedRow row(int n) {
        String id = String.format("%024x%08x", 0xabcL, n);
        return new EncodedRow(id, new PartitionKey("org", "metric", "2025-11-21", "07"),
                Payload.utf8("{\"rowId\":\"" + id + "\"}"));
    }

    static DeadLetter letter(int n) {
        String bundle = "0123456789abcdef01234567";
        return new DeadLetter(RejectionReason.POINT_INVALID, new Provenance.KafkaRecord("lm.metrics.otlp", 3, n),
                Optional.of(bundle), Optional.of(bundle + String.format("%08x", n)),
                Payload.utf8("{\"schemaVersion\":1,\"kind\":\"point\",\"reason\":\"point.invalid\"}"));
    }
}
