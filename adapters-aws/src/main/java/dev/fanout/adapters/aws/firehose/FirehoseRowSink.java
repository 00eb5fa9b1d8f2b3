package dev.fanout.adapters.aws.firehose;

import dev.fanout.adapters.aws.failure.AwsCall;
import dev.fanout.adapters.aws.failure.AwsFailures;
import dev.fanout.adapters.aws.failure.CallRefusal;
import dev.fanout.adapters.aws.firehose.RecordPacker.PackedCall;
import dev.fanout.adapters.aws.firehose.RecordPacker.PackedRecord;
import dev.fanout.ports.EncodedRow;
import dev.fanout.ports.PortException;
import dev.fanout.ports.RowSink;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;

/**
 * Writes rows to an Amazon Data Firehose Direct PUT stream with PutRecordBatch, packing them as
 * newline-delimited JSON into as few records as the limits allow (for a stream that de-aggregates records,
 * {@code RecordDeAggregation} with {@code SubRecordType=JSON}), or one row per record. Rows for different
 * partitions share records: Firehose de-aggregates before it partitions.
 *
 * <p>One attempt per call of {@link #write}, per PutRecordBatch call: the SDK client must not retry
 * (build it with {@code AwsClients}); resending is the caller's retry policy. The outcome names every row:
 * <ul>
 * <li>written: in a record Firehose acknowledged with a record id;</li>
 * <li>refused, retryable: in a record Firehose refused ({@code ServiceUnavailableException},
 * {@code InternalFailure}), or in a call that was throttled, failed with a 5xx or could not connect;</li>
 * <li>refused, {@linkplain Refusal.Kind#POSSIBLY_WRITTEN possibly written}: in a call that timed out or lost its
 * connection after sending, or whose answer did not match the request: Firehose may have stored those rows,
 * and a resend may duplicate them;</li>
 * <li>refused, {@linkplain Refusal.Kind#NOT_SENT not sent}: in a call not made before the deadline;</li>
 * <li>refused, not retryable: larger than a record ({@code row.too_large}; never sent), or refused by
 * Firehose with an unknown per-record error code.</li>
 * </ul>
 * Failed calls are sorted by the AWS sinks' one failure model ({@link AwsFailures}). A misconfiguration (no
 * such stream, invalid request, access denied, unknown host) throws a {@link PortException} naming the
 * stream, the region and what to check; rows written by earlier calls of the same {@code write} are then not
 * reported, and a resend of the batch duplicates them.
 *
 * <p>Each PutRecordBatch call gets a timeout of {@link Settings#callTimeout()} or the time left until the
 * deadline, whichever is shorter; with less than {@link #MIN_CALL_TIME} left, no call is made. Not thread
 * safe: use one sink per writing thread (they may share a client).
 */
public final class FirehoseRowSink implements RowSink {

    /** Firehose's own limits (PutRecordBatch API reference): the defaults and the maxima of {@link Settings}. */
    public static final int MAX_ROWS_PER_RECORD = 500;
    public static final int MAX_RECORD_BYTES = 1_024_000;
    public static final int MAX_RECORDS_PER_CALL = 500;
    public static final int MAX_CALL_BYTES = 4 * 1024 * 1024;

    /**
     * The least time left before the deadline for which a call is still made. A call that cannot finish
     * times out ambiguously (Firehose may store the records anyway), which is worse than not sending.
     */
    public static final Duration MIN_CALL_TIME = Duration.ofMillis(50);

    /** Per-record error codes worth resending (PutRecordBatch API reference; "ServiceUnavailable" is the older text). */
    private static final Set<String> RETRYABLE_RECORD_CODES =
            Set.of("ServiceUnavailableException", "ServiceUnavailable", "InternalFailure");

    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

    /**
     * Where to write and how to pack.
     *
     * @param streamName     the Firehose stream
     * @param rowsPerRecord  rows per record, 1..500 (1 = one row per record, for streams without de-aggregation)
     * @param recordBytes    bytes per record including the newlines, 1..1 024 000 (1 000 KiB)
     * @param recordsPerCall records per PutRecordBatch call, 1..500
     * @param callBytes      record bytes per call, recordBytes..4 MiB
     * @param callTimeout    the longest a single PutRecordBatch call may take
     */
    public record Settings(String streamName, int rowsPerRecord, int recordBytes, int recordsPerCall, int callBytes,
                           Duration callTimeout) {

        public Settings {
            Objects.requireNonNull(streamName, "streamName");
            if (!STREAM_NAME.matcher(streamName).matches()) {
                throw new IllegalArgumentException("a Firehose stream name has 1-64 characters of [a-zA-Z0-9_.-],"
                        + " got '" + streamName + "'");
            }
            requireWithin("rowsPerRecord", rowsPerRecord, 1, MAX_ROWS_PER_RECORD);
            requireWithin("recordBytes", recordBytes, 1, MAX_RECORD_BYTES);
            requireWithin("recordsPerCall", recordsPerCall, 1, MAX_RECORDS_PER_CALL);
            requireWithin("callBytes", callBytes, recordBytes, MAX_CALL_BYTES);
            Objects.requireNonNull(callTimeout, "callTimeout");
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
            }
        }

        /** Packed newline-delimited records at Firehose's limits, 10 s per call. */
        public static Settings packed(String streamName) {
            return new Settings(streamName, MAX_ROWS_PER_RECORD, MAX_RECORD_BYTES, MAX_RECORDS_PER_CALL, MAX_CALL_BYTES,
                    Duration.ofSeconds(10));
        }

        /** One row (plus its newline) per record, for a stream without de-aggregation. */
        public static Settings oneRowPerRecord(String streamName) {
            return packed(streamName).withRowsPerRecord(1);
        }

        public Settings withRowsPerRecord(int rows) {
            return new Settings(streamName, rows, recordBytes, recordsPerCall, callBytes, callTimeout);
        }

        public Settings withRecordBytes(int bytes) {
            return new Settings(streamName, rowsPerRecord, bytes, recordsPerCall, callBytes, callTimeout);
        }

        public Settings withRecordsPerCall(int records) {
            return new Settings(streamName, rowsPerRecord, recordBytes, records, callBytes, callTimeout);
        }

        public Settings withCallBytes(int bytes) {
            return new Settings(streamName, rowsPerRecord, recordBytes, recordsPerCall, bytes, callTimeout);
        }

        public Settings withCallTimeout(Duration timeout) {
            return new Settings(streamName, rowsPerRecord, recordBytes, recordsPerCall, callBytes, timeout);
        }

        public boolean oneRowPerRecordMode() {
            return rowsPerRecord == 1;
        }

        private static void requireWithin(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + value);
            }
        }
    }

    private final FirehoseClient client;
    private final Settings settings;
    private final InstantSource clock;
    private final RecordPacker packer;
    private final AwsFailures failures;

    /**
     * @param client   a client that does not retry (see {@code AwsClients}); the caller owns and closes it
     * @param settings the stream and the packing limits
     * @param clock    measures the time left until a write's deadline
     */
    public FirehoseRowSink(FirehoseClient client, Settings settings, InstantSource clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.packer = new RecordPacker(settings.rowsPerRecord(), settings.recordBytes(), settings.recordsPerCall(),
                settings.callBytes());
        Region region = client.serviceClientConfiguration().region();
        this.failures = new AwsFailures(putRecordBatch(settings.streamName(), region == null ? "(no region)" : region.id()));
    }

    @Override
    public WriteOutcome<EncodedRow> write(List<EncodedRow> rows, Instant deadline) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(deadline, "deadline");
        RecordPacker.Packing packing = packer.pack(rows);
        List<EncodedRow> written = new ArrayList<>(rows.size());
        List<Refusal<EncodedRow>> refused = new ArrayList<>();
        for (EncodedRow row : packing.tooLarge()) {
            refused.add(new Refusal<>(row, "row.too_large: " + row.json().size() + " bytes, more than the record limit of "
                    + settings.recordBytes() + " bytes; never sent", Refusal.Kind.FINAL));
        }
        for (PackedCall call : packing.calls()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(MIN_CALL_TIME) < 0) {
                refuseAll(call, failures.notSent(left, deadline), refused);
                continue;
            }
            send(call, left.compareTo(settings.callTimeout()) < 0 ? left : settings.callTimeout(), written, refused);
        }
        return new WriteOutcome<>(written, refused);
    }

    /** Nothing to flush: Firehose buffers on its side. The client belongs to the caller. */
    @Override
    public void close() {
    }

    private void send(PackedCall call, Duration timeout, List<EncodedRow> written, List<Refusal<EncodedRow>> refused) {
        List<software.amazon.awssdk.services.firehose.model.Record> records = new ArrayList<>(call.records().size());
        for (PackedRecord record : call.records()) {
            records.add(software.amazon.awssdk.services.firehose.model.Record.builder()
                    .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                    .build());
        }
        PutRecordBatchRequest request = PutRecordBatchRequest.builder()
                .deliveryStreamName(settings.streamName())
                .records(records)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout))
                .build();
        PutRecordBatchResponse response;
        try {
            response = client.putRecordBatch(request);
        } catch (SdkException e) {
            refuseAll(call, failures.classify(e), refused);
            return;
        } catch (RuntimeException e) {
            refuseAll(call, failures.unexpected(e), refused);
            return;
        }
        List<PutRecordBatchResponseEntry> entries = response.requestResponses();
        if (entries.size() != call.records().size()) {
            refuseAll(call, failures.unknownOutcome("answered " + entries.size() + " entries for "
                    + call.records().size() + " records"), refused);
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            PutRecordBatchResponseEntry entry = entries.get(i);
            List<EncodedRow> recordRows = call.records().get(i).rows();
            String code = entry.errorCode();
            if (code == null || code.isEmpty()) {
                written.addAll(recordRows);
                continue;
            }
            boolean retryable = RETRYABLE_RECORD_CODES.contains(code);
            String reason = "refused: " + code + ": " + entry.errorMessage();
            for (EncodedRow row : recordRows) {
                refused.add(new Refusal<>(row, reason, retryable));
            }
        }
    }

    private static void refuseAll(PackedCall call, CallRefusal refusal, List<Refusal<EncodedRow>> refused) {
        for (PackedRecord record : call.records()) {
            for (EncodedRow row : record.rows()) {
                refused.add(refusal.of(row));
            }
        }
    }

    private static AwsCall putRecordBatch(String stream, String region) {
        String target = "Firehose stream '" + stream + "' in region " + region;
        return new AwsCall("Firehose", "PutRecordBatch", target, "AWS_ENDPOINT_URL_FIREHOSE / AWS_ENDPOINT_URL", false,
                "Firehose may have stored the records, and a resend may duplicate them",
                (code, status) -> switch (code) {
                    case "ResourceNotFoundException" -> target + " does not exist or is not ACTIVE. Check the stream"
                            + " name, the region (AWS_REGION) and the account the credentials belong to.";
                    case "InvalidArgumentException" -> "Firehose rejected the PutRecordBatch request to " + target
                            + " as invalid. Check the sink settings (record and call limits) and that the stream is a"
                            + " Direct PUT stream.";
                    case "AccessDeniedException", "AccessDenied", "UnrecognizedClientException",
                         "InvalidSignatureException", "ExpiredTokenException", "IncompleteSignature",
                         "MissingAuthenticationToken", "InvalidClientTokenId" -> "Access to " + target + " was denied."
                            + " Check that the credentials are valid and that their role allows"
                            + " firehose:PutRecordBatch on the stream.";
                    case "InvalidKMSResourceException" -> target + " cannot encrypt with its KMS key. Check the key's"
                            + " state and its policy for the stream's role.";
                    default -> "Firehose refused the PutRecordBatch request to " + target + ".";
                });
    }
}
