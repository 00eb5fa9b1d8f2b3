package dev.fanout.bootstrap.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One PutMetricData call as CloudWatch receives it from SDK 2.42.28: Smithy RPCv2 CBOR,
 * {@code POST /service/GraniteServiceVersion20100801/operation/PutMetricData}, a CBOR map with
 * {@code Namespace} and {@code MetricData} (each datum {@code MetricName}, {@code Dimensions} of {@code Name} and
 * {@code Value}, {@code Value}, {@code Unit}, …), decoded here with Jackson's CBOR reader.
 *
 * @param path the request's path (which names the operation)
 */
public record MetricData(String path, String namespace, List<Datum> datums) {

    private static final CBORMapper CBOR = new CBORMapper();

    public MetricData {
        datums = List.copyOf(datums);
    }

    /** One datum: its name, its dimensions (name to value) and its value. */
    public record Datum(String name, Map<String, String> dimensions, double value, String unit) {
        public Datum {
            dimensions = Map.copyOf(dimensions);
        }
    }

    static MetricData decode(String path, byte[] body) {
        try {
            JsonNode request = CBOR.readTree(body);
            List<Datum> datums = new ArrayList<>();
            for (JsonNode datum : request.path("MetricData")) {
                Map<String, String> dimensions = new LinkedHashMap<>();
                for (JsonNode dimension : datum.path("Dimensions")) {
                    dimensions.put(dimension.path("Name").asText(), dimension.path("Value").asText());
                }
                datums.add(new Datum(datum.path("MetricName").asText(), dimensions,
                        datum.path("Value").asDouble(Double.NaN), datum.path("Unit").asText()));
            }
            return new MetricData(path, request.path("Namespace").asText(), datums);
        } catch (IOException e) {
            throw new UncheckedIOException("PutMetricData is not CBOR", e);
        }
    }

    /** The datum named {@code name} with no dimensions, if sent. */
    public Optional<Datum> plain(String name) {
        return datums.stream().filter(d -> d.name().equals(name) && d.dimensions().isEmpty()).findFirst();
    }

    /** The {@code Rejected} datums by their {@code reason} dimension. */
    public Map<String, Double> rejectedByReason() {
        Map<String, Double> byReason = new LinkedHashMap<>();
        datums.stream().filter(d -> d.name().equals("Rejected"))
                .forEach(d -> byReason.put(d.dimensions().get("reason"), d.value()));
        return byReason;
    }
}
