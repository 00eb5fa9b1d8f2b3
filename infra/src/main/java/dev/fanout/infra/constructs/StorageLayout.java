package dev.fanout.infra.constructs;

/**
 * The data bucket's layout (docs/row-event.md §6) and the Firehose partition query that produces it (§4.2).
 * Partition folder keys are lower-case ({@code orgid=}), as Athena lower-cases column names and S3 keys are
 * case-sensitive: the table's location template then matches the folders.
 */
public final class StorageLayout {

    /** Rows, JSONL gzip, partitioned by org, metric, date and hour. */
    public static final String ROWS = "rows/";
    /** Dead letters, {@code dead-letters/reason=<reason>/…}, written by the Lambda. */
    public static final String DEAD_LETTERS = "dead-letters/";
    /** Firehose's own error output (records it could not partition or deliver). */
    public static final String FIREHOSE_ERRORS = "firehose-errors/";
    /** Athena query results (encrypted, expired after a week). */
    public static final String ATHENA_RESULTS = "athena-results/";

    /** The MetadataExtractionQuery, verbatim from docs/row-event.md §4.2; the local file sink places rows where it says. */
    public static final String PARTITION_QUERY =
            "{orgid: (.partition.orgid // .orgId), metric: (.partition.metric // .metric), dt: .dt, hour: .hour}";

    /** Firehose's object prefix: the folders of docs/row-event.md §6, from the query's keys. */
    public static final String ROWS_PREFIX = ROWS + "orgid=!{partitionKeyFromQuery:orgid}"
            + "/metric=!{partitionKeyFromQuery:metric}/dt=!{partitionKeyFromQuery:dt}"
            + "/hour=!{partitionKeyFromQuery:hour}/";

    /** Firehose's error prefix: one folder per error output type, then the arrival date. */
    public static final String ERROR_PREFIX = FIREHOSE_ERRORS + "!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/";

    private StorageLayout() {
    }
}
