package dev.fanout.infra.constructs;

import java.util.List;
import java.util.Objects;

/**
 * The Glue table's columns for Row Event v1 (docs/row-event.md §3). Hive lower-cases column names, and the
 * rows' keys are camelCase: the JSON SerDe runs case-sensitively (so attribute keys keep their case) and maps
 * each lower-case column to its key. {@code orgId} and {@code metric} are data columns {@code org_id} and
 * {@code metric_name} (their raw values), because {@code orgid} and {@code metric} are the partition columns
 * (the folder segments, percent-encoded when needed); {@code dt} and {@code hour} are only partition columns.
 */
final class RowColumns {

    /**
     * One column.
     *
     * @param name       the Hive column name (lower case)
     * @param hiveType   its Hive type, for the table
     * @param prestoType the same type as Athena's engine spells it, for the view
     * @param jsonKey    the row's key it reads
     */
    record Column(String name, String hiveType, String prestoType, String jsonKey) {

        Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(hiveType, "hiveType");
            Objects.requireNonNull(prestoType, "prestoType");
            Objects.requireNonNull(jsonKey, "jsonKey");
        }

        boolean mapped() {
            return !name.equals(jsonKey);
        }
    }

    private static final String ATTRIBUTES_HIVE = "map<string,string>";
    private static final String ATTRIBUTES_PRESTO = "map(varchar,varchar)";

    /** Every key of a row except the partition ones; objects with camelCase keys stay JSON text. */
    static final List<Column> DATA = List.of(
            new Column("schemaversion", "int", "integer", "schemaVersion"),
            new Column("rowid", "string", "varchar", "rowId"),
            new Column("org_id", "string", "varchar", "orgId"),
            new Column("deviceid", "string", "varchar", "deviceId"),
            new Column("host", "string", "varchar", "host"),
            new Column("datasource", "string", "varchar", "datasource"),
            new Column("instance", "string", "varchar", "instance"),
            new Column("metric_name", "string", "varchar", "metric"),
            new Column("type", "string", "varchar", "type"),
            new Column("unit", "string", "varchar", "unit"),
            new Column("description", "string", "varchar", "description"),
            new Column("timeunixnano", "bigint", "bigint", "timeUnixNano"),
            new Column("starttimeunixnano", "bigint", "bigint", "startTimeUnixNano"),
            new Column("tsunixms", "bigint", "bigint", "tsUnixMs"),
            // A double reads "NaN" and "Infinity" too; integers beyond 2^53 lose their last digits here.
            new Column("value", "double", "double", "value"),
            new Column("norecordedvalue", "boolean", "boolean", "noRecordedValue"),
            new Column("flags", "bigint", "bigint", "flags"),
            new Column("temporality", "string", "varchar", "temporality"),
            new Column("monotonic", "boolean", "boolean", "monotonic"),
            new Column("count", "bigint", "bigint", "count"),
            new Column("sum", "double", "double", "sum"),
            new Column("min", "double", "double", "min"),
            new Column("max", "double", "double", "max"),
            new Column("bucketcounts", "array<bigint>", "array(bigint)", "bucketCounts"),
            new Column("explicitbounds", "array<double>", "array(double)", "explicitBounds"),
            new Column("scale", "int", "integer", "scale"),
            new Column("zerocount", "bigint", "bigint", "zeroCount"),
            new Column("zerothreshold", "double", "double", "zeroThreshold"),
            new Column("positive", "string", "varchar", "positive"),
            new Column("negative", "string", "varchar", "negative"),
            new Column("quantiles", "array<struct<quantile:double,value:double>>",
                    "array(row(quantile double,value double))", "quantiles"),
            new Column("attributes", ATTRIBUTES_HIVE, ATTRIBUTES_PRESTO, "attributes"),
            new Column("resource", ATTRIBUTES_HIVE, ATTRIBUTES_PRESTO, "resource"),
            new Column("scope", "struct<name:string,version:string,attributes:" + ATTRIBUTES_HIVE + ">",
                    "row(name varchar,version varchar,attributes " + ATTRIBUTES_PRESTO + ")", "scope"),
            new Column("exemplars", "string", "varchar", "exemplars"),
            new Column("source", "struct<topic:string,partition:int,offset:bigint,file:string,line:int>",
                    "row(topic varchar,partition integer,offset bigint,file varchar,line integer)", "source"),
            new Column("partition", "struct<orgid:string,metric:string>", "row(orgid varchar,metric varchar)",
                    "partition"));

    /** The partition columns, in folder order: {@code rows/orgid=…/metric=…/dt=…/hour=…/}. */
    static final List<Column> PARTITIONS = List.of(
            new Column("orgid", "string", "varchar", "orgid"),
            new Column("metric", "string", "varchar", "metric"),
            new Column("dt", "string", "varchar", "dt"),
            new Column("hour", "string", "varchar", "hour"));

    private RowColumns() {
    }
}
