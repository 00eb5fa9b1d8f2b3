package dev.fanout.domain.service;

import dev.fanout.domain.row.RowProfile;
import java.util.Locale;

/** The docs/row-event.md §5 profiles: where a row's deviceId, host, datasource and instance come from. */
public enum Profile {
    /** LogicMonitor Data Publisher (the default). */
    LMDP(RowProfile.LMDP),
    /** OpenTelemetry semantic conventions. */
    OTEL(RowProfile.OTEL);

    private final RowProfile fields;

    Profile(RowProfile fields) {
        this.fields = fields;
    }

    RowProfile fields() {
        return fields;
    }

    /** {@code lmdp} or {@code otel}, in any case. */
    public static Profile fromName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "lmdp" -> LMDP;
            case "otel" -> OTEL;
            default -> throw new IllegalArgumentException("unknown profile '" + name + "': use lmdp or otel");
        };
    }
}
