package dev.fanout.infra.constructs;

import dev.fanout.infra.config.DeploymentConfig;
import dev.fanout.infra.constructs.RowColumns.Column;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.athena.CfnNamedQuery;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.athena.CfnWorkGroup.EncryptionConfigurationProperty;
import software.amazon.awscdk.services.athena.CfnWorkGroup.EngineVersionProperty;
import software.amazon.awscdk.services.athena.CfnWorkGroup.ResultConfigurationProperty;
import software.amazon.awscdk.services.athena.CfnWorkGroup.WorkGroupConfigurationProperty;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.glue.CfnTable.ColumnProperty;
import software.amazon.awscdk.services.glue.CfnTable.SerdeInfoProperty;
import software.amazon.awscdk.services.glue.CfnTable.StorageDescriptorProperty;
import software.amazon.awscdk.services.glue.CfnTable.TableInputProperty;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The Glue database and table over {@code rows/}, a view without duplicate rows, and an Athena workgroup with
 * encrypted results and sample queries. Partitions are projected, never crawled: Athena computes the folders
 * from the query (org and metric given by the query, dates and hours from ranges), so new folders are
 * queryable the moment Firehose writes them, at no crawler cost.
 */
public final class Catalog extends Construct {

    public static final String TABLE = "rows";
    public static final String VIEW = "rows_deduplicated";
    /** The first day the date projection covers; earlier rows are not found by Athena. */
    public static final String FIRST_DAY = "2020-01-01";

    private final CfnDatabase database;
    private final CfnTable table;
    private final CfnTable view;
    private final CfnWorkGroup workGroup;

    public Catalog(Construct scope, String id, DeploymentConfig config, IBucket bucket, IKey key) {
        super(scope, id);
        String account = Stack.of(this).getAccount();
        String databaseName = config.databaseName();
        database = CfnDatabase.Builder.create(this, "Database").catalogId(account)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder().name(databaseName)
                        .description("Fanout: Row Event v1 rows written by Firehose").build())
                .build();
        String rowsLocation = "s3://" + bucket.getBucketName() + "/" + StorageLayout.ROWS;
        table = CfnTable.Builder.create(this, "Rows").catalogId(account).databaseName(databaseName)
                .tableInput(TableInputProperty.builder()
                        .name(TABLE)
                        .description("One row per data point (docs/row-event.md §3); partitions are projected")
                        .tableType("EXTERNAL_TABLE")
                        .parameters(tableParameters(config, rowsLocation))
                        .partitionKeys(columns(RowColumns.PARTITIONS))
                        .storageDescriptor(StorageDescriptorProperty.builder()
                                .location(rowsLocation)
                                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                                .compressed(true)
                                .serdeInfo(SerdeInfoProperty.builder()
                                        .serializationLibrary("org.openx.data.jsonserde.JsonSerDe")
                                        .parameters(serdeParameters()).build())
                                .columns(columns(RowColumns.DATA))
                                .build())
                        .build())
                .build();
        table.getNode().addDependency(database);
        view = CfnTable.Builder.create(this, "RowsDeduplicated").catalogId(account).databaseName(databaseName)
                .tableInput(TableInputProperty.builder()
                        .name(VIEW)
                        .description("The rows table with each rowId once: Pipes retries whole batches, so a"
                                + " row can be written twice")
                        .tableType("VIRTUAL_VIEW")
                        .parameters(Map.of("presto_view", "true", "comment", "Presto View"))
                        .viewOriginalText("/* Presto View: " + Base64.getEncoder().encodeToString(
                                prestoView(databaseName).getBytes(StandardCharsets.UTF_8)) + " */")
                        .viewExpandedText("/* Presto View */")
                        .storageDescriptor(StorageDescriptorProperty.builder()
                                .columns(columns(Stream.concat(RowColumns.DATA.stream(),
                                        RowColumns.PARTITIONS.stream()).toList()))
                                .serdeInfo(SerdeInfoProperty.builder().build())
                                .build())
                        .build())
                .build();
        view.getNode().addDependency(table);

        workGroup = CfnWorkGroup.Builder.create(this, "WorkGroup")
                .name(databaseName)
                .description("Fanout: queries over the rows, with encrypted results")
                .state("ENABLED")
                .recursiveDeleteOption(true)
                .workGroupConfiguration(WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .engineVersion(EngineVersionProperty.builder()
                                .selectedEngineVersion("Athena engine version 3").build())
                        .resultConfiguration(ResultConfigurationProperty.builder()
                                .outputLocation("s3://" + bucket.getBucketName() + "/" + StorageLayout.ATHENA_RESULTS)
                                .encryptionConfiguration(EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_KMS").kmsKey(key.getKeyArn()).build())
                                .build())
                        .build())
                .build();
        int n = 0;
        for (Map.Entry<String, String> query : namedQueries(databaseName).entrySet()) {
            CfnNamedQuery named = CfnNamedQuery.Builder.create(this, "Query" + ++n)
                    .name(query.getKey()).database(databaseName).workGroup(workGroup.getRef())
                    .queryString(query.getValue()).build();
            named.getNode().addDependency(workGroup);
        }
    }

    /** Partition projection: org and metric come from the query (or the metric from a list), dates and hours from ranges. */
    static Map<String, String> tableParameters(DeploymentConfig config, String rowsLocation) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("classification", "json");
        parameters.put("compressionType", "gzip");
        parameters.put("projection.enabled", "true");
        parameters.put("projection.orgid.type", "injected");
        if (config.metricNames().isEmpty()) {
            parameters.put("projection.metric.type", "injected");
        } else {
            parameters.put("projection.metric.type", "enum");
            parameters.put("projection.metric.values", String.join(",", config.metricNames()));
        }
        parameters.put("projection.dt.type", "date");
        parameters.put("projection.dt.format", "yyyy-MM-dd");
        parameters.put("projection.dt.range", FIRST_DAY + ",NOW");
        parameters.put("projection.dt.interval", "1");
        parameters.put("projection.dt.interval.unit", "DAYS");
        parameters.put("projection.hour.type", "integer");
        parameters.put("projection.hour.range", "0,23");
        parameters.put("projection.hour.digits", "2");
        // Explicit, with the lower-case folder keys Firehose writes (orgid=, not orgId=).
        parameters.put("storage.location.template",
                rowsLocation + "orgid=${orgid}/metric=${metric}/dt=${dt}/hour=${hour}/");
        return parameters;
    }

    static Map<String, String> serdeParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        // Case-sensitive, so attribute keys keep their case; camelCase keys are mapped to their columns.
        parameters.put("case.insensitive", "false");
        for (Column column : RowColumns.DATA) {
            if (column.mapped()) {
                parameters.put("mapping." + column.name(), column.jsonKey());
            }
        }
        return parameters;
    }

    /** Each rowId once; partitioned by the folder columns too, so a query's org and metric reach the table. */
    static String viewSql(String databaseName) {
        String columns = Stream.concat(RowColumns.DATA.stream(), RowColumns.PARTITIONS.stream())
                .map(c -> quote(c.name())).collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM (SELECT *, row_number() OVER (PARTITION BY \"orgid\", \"metric\","
                + " \"dt\", \"hour\", \"rowid\") AS \"copy\" FROM " + quote(databaseName) + "." + quote(TABLE)
                + ") WHERE \"copy\" = 1";
    }

    /** The view as Athena stores it in Glue: its SQL and column types, base64 in the original text. */
    static String prestoView(String databaseName) {
        List<String> columns = new ArrayList<>();
        for (Column column : Stream.concat(RowColumns.DATA.stream(), RowColumns.PARTITIONS.stream()).toList()) {
            columns.add("{\"name\":" + json(column.name()) + ",\"type\":" + json(column.prestoType()) + "}");
        }
        return "{\"originalSql\":" + json(viewSql(databaseName)) + ",\"catalog\":\"awsdatacatalog\",\"schema\":"
                + json(databaseName) + ",\"columns\":[" + String.join(",", columns) + "]}";
    }

    static Map<String, String> namedQueries(String databaseName) {
        String view = quote(databaseName) + "." + quote(VIEW);
        String table = quote(databaseName) + "." + quote(TABLE);
        String where = " WHERE \"orgid\" = 'my-org' AND \"metric\" = 'my-metric' AND \"dt\" = '2026-01-01'";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("Fanout: rows of one metric in one hour", "SELECT \"tsunixms\", \"host\", \"instance\","
                + " \"value\", \"attributes\" FROM " + view + where + " AND \"hour\" = '00' ORDER BY \"tsunixms\""
                + " LIMIT 100");
        queries.put("Fanout: rows per hour of one metric on one day", "SELECT \"hour\", count(*) AS \"rows\" FROM "
                + view + where + " GROUP BY \"hour\" ORDER BY \"hour\"");
        queries.put("Fanout: rows written more than once (batches the pipe retried)", "SELECT \"rowid\","
                + " count(*) AS \"copies\" FROM " + table + where + " GROUP BY \"rowid\" HAVING count(*) > 1");
        return queries;
    }

    private static List<Object> columns(List<Column> columns) {
        return columns.stream().map(c -> (Object) ColumnProperty.builder().name(c.name()).type(c.hiveType()).build())
                .toList();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    public CfnDatabase database() {
        return database;
    }

    public CfnTable table() {
        return table;
    }

    public CfnTable view() {
        return view;
    }

    public CfnWorkGroup workGroup() {
        return workGroup;
    }
}
