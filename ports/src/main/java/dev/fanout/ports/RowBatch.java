package dev.fanout.ports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows gathered for one {@link RowSink#writeBatch}, in order, on the thread that encodes them; then handed to
 * the sink whole. A sink's own batch may keep the bytes where it will write them from (the file sink's
 * buffers), so that a row is copied once, by the thread that encoded it, and the writing thread copies
 * nothing. One thread fills a batch at a time; a batch is written once, to the sink it came from.
 */
public interface RowBatch {

    /**
     * Adds a row: {@code json[offset, offset + length)} is its JSON (no newline), copied before this returns,
     * so the array may be reused.
     */
    void add(String rowId, PartitionKey partition, byte[] json, int offset, int length);

    /** Rows added so far. */
    int size();

    /** The plain batch: a list of {@link EncodedRow}s, each with its own copy of the bytes. */
    final class EncodedRows implements RowBatch {

        private final List<EncodedRow> rows = new ArrayList<>();

        @Override
        public void add(String rowId, PartitionKey partition, byte[] json, int offset, int length) {
            rows.add(new EncodedRow(rowId, partition, new Payload(Arrays.copyOfRange(json, offset, offset + length))));
        }

        @Override
        public int size() {
            return rows.size();
        }

        /** The rows added, in order (a view: later additions show). */
        public List<EncodedRow> rows() {
            return rows;
        }
    }
}
