package dev.fanout.ports;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a row lives (docs/row-event.md §4.2 and §6): the already-encoded org and metric segments plus the UTC date and
 * hour. The same four values the Firehose partitioning JQ extracts from the row.
 */
public record PartitionKey(String orgSegment, String metricSegment, String dt, String hour) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~%-]{1,100}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern HOUR = Pattern.compile("[0-9]{2}");

    public PartitionKey {
        requireSegment(orgSegment, "orgSegment");
        requireSegment(metricSegment, "metricSegment");
        Objects.requireNonNull(dt, "dt");
        Objects.requireNonNull(hour, "hour");
        if (!DATE.matcher(dt).matches()) {
            throw new IllegalArgumentException("dt must be yyyy-MM-dd, got " + dt);
        }
        if (!HOUR.matcher(hour).matches()) {
            throw new IllegalArgumentException("hour must be two digits, got " + hour);
        }
    }

    // Written out because a sink looks a key up for every row: a record's generated equals and hashCode go
    // through an invokedynamic bootstrap that C1, the replay's only JIT, cannot inline.
    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionKey that && orgSegment.equals(that.orgSegment)
                && metricSegment.equals(that.metricSegment) && dt.equals(that.dt) && hour.equals(that.hour);
    }

    @Override
    public int hashCode() {
        return ((orgSegment.hashCode() * 31 + metricSegment.hashCode()) * 31 + dt.hashCode()) * 31 + hour.hashCode();
    }

    /** The relative folder below {@code rows/}: {@code orgid=…/metric=…/dt=…/hour=…}. */
    public String path() {
        return "orgid=" + orgSegment + "/metric=" + metricSegment + "/dt=" + dt + "/hour=" + hour;
    }

    private static void requireSegment(String segment, String name) {
        Objects.requireNonNull(segment, name);
        if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException(name + " is not a safe path segment: " + segment);
        }
    }
}
