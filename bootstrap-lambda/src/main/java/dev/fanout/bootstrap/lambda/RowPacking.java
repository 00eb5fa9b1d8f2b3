package dev.fanout.bootstrap.lambda;

import dev.fanout.ports.EncodedRow;
import java.util.List;

/** How a handler packs rows for where they go, run on synthetic rows to prime the code before a snapshot. */
@FunctionalInterface
interface RowPacking {

    void pack(List<EncodedRow> rows);
}
