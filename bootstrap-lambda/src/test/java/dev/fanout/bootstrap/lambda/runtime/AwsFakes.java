package dev.fanout.bootstrap.lambda.runtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.fanout.adapters.aws.fakes.FakeEndpoint;
import dev.fanout.adapters.aws.fakes.FirehoseWire;
import dev.fanout.adapters.aws.fakes.Reply;
import dev.fanout.adapters.aws.fakes.S3Wire;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Firehose, S3 and CloudWatch for a function in another JVM: three WireMock endpoints, each on its own port (so a
 * test sees that every client went to its own {@code AWS_ENDPOINT_URL_*}), speaking the adapters' wire fakes.
 * Firehose refuses records as {@link #firehoseRefuses} says (stored otherwise), and fails whole calls as
 * {@link #firehoseFaults} says; S3 stores every object but those {@link #s3Faults} fails; CloudWatch
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
    private final AtomicInteger s3Calls = new AtomicInteger();
    private final AtomicInteger callsSinceRefusalsSet = new AtomicInteger();
    private volatile FirehoseRefusals refusals = FirehoseRefusals.NONE;
    private volatile IntFunction<Optional<Reply>> firehoseFaults = call -> Optional.empty();
    private volatile IntFunction<Optional<Reply>> s3Faults = call -> Optional.empty();
    private final WireMockServer firehose;
    private final WireMockServer s3;
    private final WireMockServer cloudWatch;

    /** One PutRecordBatch call: its stream, how many records it carried and how many were refused. */
    public record Call(String stream, int records, int refused) {
    }

    public AwsFakes() {
        firehose = FakeEndpoint.start("firehose", event -> {
            FirehoseWire.PutRecordBatch request = FirehoseWire.PutRecordBatch.parse(event.getRequest().getBody());
            int call = calls.incrementAndGet();
            Optional<Reply> fault = FirehoseWire.limitViolation(request.records()).map(Reply.class::cast)
                    .or(() -> firehoseFaults.apply(call));
            if (fault.isPresent()) {
                return firehoseFault(call, request, fault.get());
            }
            Map<Integer, String> refused = refusals.refused(callsSinceRefusalsSet.incrementAndGet(),
                    request.records().size());
            firehoseCalls.add(new Call(request.streamName(), request.records().size(), refused.size()));
            return FirehoseWire.accepted(call, request.records(), refused, firehoseRecords::add);
        });
        s3 = FakeEndpoint.start("s3", event -> {
            if (!S3Wire.PutObject.isPutObject(event.getRequest())) {
                return S3Wire.failed(405, "MethodNotAllowed", "only PutObject");
            }
            S3Wire.PutObject put = S3Wire.PutObject.parse(event.getRequest());
            Optional<Reply> fault = s3Faults.apply(s3Calls.incrementAndGet());
            if (fault.isPresent() && fault.get() instanceof Reply.Fail fail) {
                return S3Wire.failed(fail.status(), fail.type(), fail.message());
            }
            if (fault.isPresent() && fault.get() instanceof Reply.Reset) {
                return FakeEndpoint.connectionReset();
            }
            objects.add(put);
            return fault.isPresent() && fault.get() instanceof Reply.Slow slow
                    ? FakeEndpoint.delayed(S3Wire.stored(objects.size()), slow.delay()) : S3Wire.stored(objects.size());
        });
        cloudWatch = FakeEndpoint.start("cloudwatch", event -> {
            metricCalls.add(MetricData.decode(event.getRequest().getUrl(), event.getRequest().getBody()));
            // RPCv2 CBOR (the protocol the SDK's CloudWatch client speaks): an empty map is PutMetricData's whole answer.
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/cbor").withHeader("smithy-protocol", "rpc-v2-cbor")
                    .withBody(new byte[] {(byte) 0xA0}).build();
        });
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

    /**
     * From now on Firehose answers call {@code n} (counted from the fake's start) with {@code faults.apply(n)}
     * when that is present, in the adapters' fakes' terms: a whole-call error, a late answer (stored), a reset
     * connection (not stored) or records refused; {@link #reset} keeps the faults.
     */
    public void firehoseFaults(IntFunction<Optional<Reply>> faults) {
        this.firehoseFaults = Objects.requireNonNull(faults, "faults");
    }

    /** As {@link #firehoseFaults}, for S3's PutObject: an error, a late answer (stored) or a reset connection. */
    public void s3Faults(IntFunction<Optional<Reply>> faults) {
        this.s3Faults = Objects.requireNonNull(faults, "faults");
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

    private ResponseDefinition firehoseFault(int call, FirehoseWire.PutRecordBatch request, Reply fault) {
        int records = request.records().size();
        return switch (fault) {
            case Reply.Fail fail -> {
                firehoseCalls.add(new Call(request.streamName(), records, records));
                yield FirehoseWire.failed(call, fail.status(), fail.type(), fail.message());
            }
            case Reply.Reset reset -> {
                firehoseCalls.add(new Call(request.streamName(), records, records));
                yield FakeEndpoint.connectionReset();
            }
            case Reply.Slow slow -> {
                firehoseCalls.add(new Call(request.streamName(), records, 0));
                yield FakeEndpoint.delayed(FirehoseWire.accepted(call, request.records(), Map.of(),
                        firehoseRecords::add), slow.delay());
            }
            case Reply.Accept accept -> {
                firehoseCalls.add(new Call(request.streamName(), records, accept.refusedCodes().size()));
                yield FirehoseWire.accepted(call, request.records(), accept.refusedCodes(), firehoseRecords::add);
            }
            case Reply.Garbled garbled -> {
                firehoseCalls.add(new Call(request.streamName(), records, 0));
                yield FirehoseWire.garbled(call, request.records(), garbled.entries(), firehoseRecords::add);
            }
        };
    }
}
