package dev.fanout.bootstrap.lambda;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;

/**
 * Counts the calls an SDK client makes, the time they take and, for Firehose, the records sent and refused:
 * exact numbers for the metrics without the adapters having to keep any. Registered on the client as an
 * interceptor; every call, failed or not, is counted once.
 */
final class SdkCallStats implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("fanout.callStarted");

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong refusedRecords = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        calls.incrementAndGet();
        if (context.request() instanceof PutRecordBatchRequest batch) {
            records.addAndGet(batch.records().size());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        finished(attributes);
        if (context.response() instanceof PutRecordBatchResponse response && response.failedPutCount() != null) {
            refusedRecords.addAndGet(response.failedPutCount());
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        finished(attributes);
        if (context.request() instanceof PutRecordBatchRequest batch) {
            refusedRecords.addAndGet(batch.records().size());
        }
    }

    private void finished(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        if (started != null) {
            nanos.addAndGet(System.nanoTime() - started);
        }
    }

    long calls() {
        return calls.get();
    }

    long records() {
        return records.get();
    }

    long refusedRecords() {
        return refusedRecords.get();
    }

    Duration time() {
        return Duration.ofNanos(nanos.get());
    }
}
