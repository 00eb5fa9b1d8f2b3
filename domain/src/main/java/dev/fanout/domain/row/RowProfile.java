package dev.fanout.domain.row;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** The four profile fields of docs/row-event.md §5: where {@code deviceId}, {@code host}, {@code datasource}, {@code instance} come from. */
public record RowProfile(ProfileField deviceId, ProfileField host, ProfileField datasource, ProfileField instance) {

    /** LogicMonitor Data Publisher: device id and host name in the resource, the instance in the point. */
    public static final RowProfile LMDP = new RowProfile(ProfileField.resource("hostId"),
            ProfileField.resource("hostName"), ProfileField.scopeName(),
            ProfileField.point("wildValue", "dataSourceInstanceName"));

    /** OpenTelemetry semantic conventions. */
    public static final RowProfile OTEL = new RowProfile(ProfileField.resource("host.id"),
            ProfileField.resource("host.name"), ProfileField.scopeName(),
            ProfileField.resource("service.instance.id"));

    public RowProfile {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(datasource, "datasource");
        Objects.requireNonNull(instance, "instance");
    }

    /** Every attribute key the profile reads. */
    public Set<String> attributeKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (ProfileField field : new ProfileField[] {deviceId, host, datasource, instance}) {
            keys.addAll(field.keys());
        }
        return keys;
    }
}
