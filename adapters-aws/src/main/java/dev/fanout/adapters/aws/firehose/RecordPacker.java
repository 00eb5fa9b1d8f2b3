package dev.fanout.adapters.aws.firehose;

import dev.fanout.ports.EncodedRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs rows into Firehose records and records into PutRecordBatch calls, in row order, greedily.
 *
 * <p>A record is newline-delimited JSON: every row followed by {@code '\n'}, which is what Firehose's
 * {@code RecordDeAggregation} processor ({@code SubRecordType=JSON}) splits and what lands in S3 as JSONL
 * when records are not de-aggregated. One exception keeps the record limit exact: a row whose size is
 * exactly the record limit (so its newline would not fit) travels alone, without the newline; JSON
 * de-aggregation splits concatenated objects just as well, and the destination's
 * {@code AppendDelimiterToRecord} processor ends every row with a newline in S3. A row larger than the
 * record limit is never packed: the caller refuses it ({@code row.too_large}).
 */
final class RecordPacker {

    /** Rows bound for one Firehose record; {@code bytes} counts the newlines. */
    record PackedRecord(List<EncodedRow> rows, int bytes, boolean newlineTerminated) {

        byte[] data() {
            byte[] data = new byte[bytes];
            int at = 0;
            for (EncodedRow row : rows) {
                byte[] json = row.json().bytes();
                System.arraycopy(json, 0, data, at, json.length);
                at += json.length;
                if (newlineTerminated) {
                    data[at++] = '\n';
                }
            }
            return data;
        }
    }

    /** Records bound for one PutRecordBatch call; {@code bytes} is the sum of the records' data. */
    record PackedCall(List<PackedRecord> records, long bytes) {
    }

    /** The calls to make, and the rows too large for any record. */
    record Packing(List<PackedCall> calls, List<EncodedRow> tooLarge) {
    }

    private final int rowsPerRecord;
    private final int recordBytes;
    private final int recordsPerCall;
    private final long callBytes;

    RecordPacker(int rowsPerRecord, int recordBytes, int recordsPerCall, long callBytes) {
        this.rowsPerRecord = rowsPerRecord;
        this.recordBytes = recordBytes;
        this.recordsPerCall = recordsPerCall;
        this.callBytes = callBytes;
    }

    Packing pack(List<EncodedRow> rows) {
        List<PackedRecord> records = new ArrayList<>();
        List<EncodedRow> tooLarge = new ArrayList<>();
        List<EncodedRow> current = new ArrayList<>();
        int currentBytes = 0;
        for (EncodedRow row : rows) {
            int size = row.json().size();
            if (size > recordBytes) {
                tooLarge.add(row);
                continue;
            }
            if (size == recordBytes) {
                if (!current.isEmpty()) {
                    records.add(new PackedRecord(List.copyOf(current), currentBytes, true));
                    current.clear();
                    currentBytes = 0;
                }
                records.add(new PackedRecord(List.of(row), size, false));
                continue;
            }
            int needed = size + 1;
            if (!current.isEmpty() && (current.size() == rowsPerRecord || currentBytes + needed > recordBytes)) {
                records.add(new PackedRecord(List.copyOf(current), currentBytes, true));
                current.clear();
                currentBytes = 0;
            }
            current.add(row);
            currentBytes += needed;
        }
        if (!current.isEmpty()) {
            records.add(new PackedRecord(List.copyOf(current), currentBytes, true));
        }
        return new Packing(intoCalls(records), List.copyOf(tooLarge));
    }

    private List<PackedCall> intoCalls(List<PackedRecord> records) {
        List<PackedCall> calls = new ArrayList<>();
        List<PackedRecord> current = new ArrayList<>();
        long currentBytes = 0;
        for (PackedRecord record : records) {
            if (!current.isEmpty() && (current.size() == recordsPerCall || currentBytes + record.bytes() > callBytes)) {
                calls.add(new PackedCall(List.copyOf(current), currentBytes));
                current.clear();
                currentBytes = 0;
            }
            current.add(record);
            currentBytes += record.bytes();
        }
        if (!current.isEmpty()) {
            calls.add(new PackedCall(List.copyOf(current), currentBytes));
        }
        return calls;
    }
}
