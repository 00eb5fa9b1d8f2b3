package dev.fanout.bootstrap.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * LMDP-shaped bundles made up for a test: {@code bundles} bundles of {@code metrics} gauges with one point each,
 * bundle {@code b} in hour {@code b % hours}, so that the rows spread over {@code metrics × hours} partitions.
 */
final class GeneratedBundles {

    /** 2025-11-24T00:00:00Z in nanoseconds. */
    private static final long START_NANOS = 1_763_942_400_000_000_000L;
    private static final long HOUR_NANOS = 3_600_000_000_000L;

    private GeneratedBundles() {
    }

    static Path write(Path file, int bundles, int metrics, int hours) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int b = 0; b < bundles; b++) {
                out.write(bundle(b, metrics, hours).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static String bundle(int b, int metrics, int hours) {
        long time = START_NANOS + (b % hours) * HOUR_NANOS + b * 1_000_000L;
        StringBuilder json = new StringBuilder(metrics * 200 + 400);
        json.append("{\"resourceMetrics\":[{\"resource\":{\"attributes\":[")
                .append("{\"key\":\"hostName\",\"value\":{\"stringValue\":\"host-").append(b % 17).append("\"}},")
                .append("{\"key\":\"hostId\",\"value\":{\"stringValue\":\"").append(1000 + b % 17).append("\"}}]},")
                .append("\"scopeMetrics\":[{\"scope\":{\"name\":\"SNMP_Network_Interfaces\"},\"metrics\":[");
        for (int m = 0; m < metrics; m++) {
            if (m > 0) {
                json.append(',');
            }
            json.append("{\"name\":\"metric").append(m).append("\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"")
                    .append(time).append("\",\"asDouble\":").append(b).append('.').append(m % 10)
                    .append(",\"attributes\":[{\"key\":\"dataSourceInstanceName\",\"value\":{\"stringValue\":\"if-")
                    .append(b).append("\"}}]}]}}");
        }
        return json.append("]}]}]}").toString();
    }
}
