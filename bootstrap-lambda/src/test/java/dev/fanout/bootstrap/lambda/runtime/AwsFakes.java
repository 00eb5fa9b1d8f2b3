package dev.fanout.bootstrap.lambda.runtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fanout.adapters.aws.fakes.FakeEndpoint;
import dev.fanout.adapters.aws.fakes.FirehoseWire;
import dev.fanout.adapters.aws.fakes.S3Wire;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Firehose, S3 and CloudWatch for a function in another JVM: three WireMock endpoints, each on its own port (so a
 * test sees that every client went to its own {@code AWS_ENDPOINT_URL_*}), speaking the adapters' wire fakes.
 * Firehose refuses records as {@link #firehoseRefuses} says (stored otherwise); S3 stores every object; CloudWatch
 * answers PutMetricData in Smithy RPCv2 CBOR and keeps each call decoded.
 */
public final class AwsFakes implements AutoCloseable {

    /** Which records of one PutRecordBatch call Firehose refuses, by index, with which error code. */
    @FunctionalInterface
    public interface FirehoseRefusals {

        /** Stores everything. */
        FirehoseRefusals NONE = (call, records) -> Map.of();

        /** Refuses every record of every call as throttled. */
        FirehoseRefusals ALL = (call, records) -> every(1, records);

        /**
         * @param call    the call's number, from 1, counted since these refusals were set
         * @param records how many records the call carries
         */
        Map<Integer, String> refused(int call, int records);

        /** Indexes 0, k, 2k, … refused as {@code ServiceUnavailableException}. */
        static Map<Integer, String> every(int k, int records) {
            Map<Integer, String> refused = new HashMap<>();
            for (int i = 0; i < records; i += k) {
                refused.put(i, "ServiceUnavailableException");
            }
            return refused;
        }
    }

    private final List<Call> firehoseCalls = new CopyOnWriteArrayList<>();
    private final List<byte[]> firehoseRecords = new CopyOnWriteArrayList<>();
    private final List<S3Wire.PutObject> objects = new CopyOnWriteArrayList<>();
    private final List<MetricData> metricCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger callsSinceRefusalsSet = new AtomicInteger();
    private volatile FirehoseRefusals refusals = FirehoseRefusals.NONE;
    private final WireMockServer firehose;
    private final WireMockServer s3;
    private final WireMockServer cloudWatch;

    /** One PutRecordBatch call: its stream, how many records it carried and how many were refused. */
    public record Call(String stream, int records, int refused) {
    }

    public AwsFakes() {
        firehose = FakeEndpoint.start(answering("firehose", event -> {
            FirehoseWire.PutRecordBatch request = FirehoseWire.PutRecordBatch.parse(event.getRequest().getBody());
            int call = calls.incrementAndGet();
            Map<Integer, String> refused = refusals.refused(callsSinceRefusalsSet.incrementAndGet(),
                    request.records().size());
            firehoseCalls.add(new Call(request.streamName(), request.records().size(), refused.size()));
            return FirehoseWire.accepted(call, request.records(), refused, firehoseRecords::add);
        }));
        s3 = FakeEndpoint.start(answering("s3", event -> {
            if (!S3Wire.PutObject.isPutObject(event.getRequest())) {
                return S3Wire.failed(405, "MethodNotAllowed", "only PutObject");
            }
            objects.add(S3Wire.PutObject.parse(event.getRequest()));
            return S3Wire.stored(objects.size());
        }));
        cloudWatch = FakeEndpoint.start(answering("cloudwatch", event -> {
            metricCalls.add(MetricData.decode(event.getRequest().getUrl(), event.getRequest().getBody()));
            // RPCv2 CBOR (toolchain.md §3): an empty map is PutMetricData's whole answer.
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                    .withBody(new byte[] {(byte) 0xA0}).build();
        }));
    }

    /** The environment that points each client of the function at its fake. */
    public Map<String, String> endpoints() {
        return Map.of("AWS_ENDPOINT_URL_FIREHOSE", firehose.baseUrl(), "AWS_ENDPOINT_URL_S3", s3.baseUrl(),
                "AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.baseUrl());
    }

    /** From now on Firehose refuses what {@code refusals} says. */
    public void firehoseRefuses(FirehoseRefusals refusals) {
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        callsSinceRefusalsSet.set(0);
    }

    /** Forgets everything stored and recorded (the call count goes on); Firehose stores everything again. */
    public void reset() {
        firehoseRefuses(FirehoseRefusals.NONE);
        firehoseCalls.clear();
        firehoseRecords.clear();
        objects.clear();
        metricCalls.clear();
    }

    public List<Call> firehoseCalls() {
        return List.copyOf(firehoseCalls);
    }

    /** The records Firehose stored, in the order it stored them. */
    public List<byte[]> firehoseRecords() {
        return List.copyOf(firehoseRecords);
    }

    /** The rows in the stored records, one JSON text each. */
    public List<String> storedRows() {
        return FirehoseWire.rows(firehoseRecords);
    }

    public List<S3Wire.PutObject> objects() {
        return List.copyOf(objects);
    }

    public List<MetricData> metricCalls() {
        return List.copyOf(metricCalls);
    }

    @Override
    public void close() {
        firehose.stop();
        s3.stop();
        cloudWatch.stop();
    }

    private static ResponseDefinitionTransformerV2 answering(String name, Function<ServeEvent, ResponseDefinition> answer) {
        return new ResponseDefinitionTransformerV2() {
            @Override
            public String getName() {
                return "lambda-it-" + name;
            }

            @Override
            public ResponseDefinition transform(ServeEvent event) {
                return answer.apply(event);
            }
        };
    }
}
