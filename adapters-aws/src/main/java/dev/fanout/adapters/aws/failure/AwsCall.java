package dev.fanout.adapters.aws.failure;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One kind of write call to an AWS service, as {@link AwsFailures} needs it to explain a failure.
 *
 * @param service             the service's short name ("Firehose", "S3")
 * @param operation           the API operation ("PutRecordBatch", "PutObject")
 * @param target              what the call writes to, for people ("stream 'rows' in region eu-west-1")
 * @param endpointVariables   the settings that override the endpoint ("AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL")
 * @param idempotent          whether resending a call whose outcome is unknown cannot duplicate anything (a
 *                            PutObject to a key derived from the content): such a call is then merely retryable,
 *                            not possibly written
 * @param unknownOutcome      what a call of unknown outcome means for the data, for people
 * @param misconfiguration    the advice for an error code and HTTP status that resending cannot fix
 */
public record AwsCall(String service, String operation, String target, String endpointVariables, boolean idempotent,
                      String unknownOutcome, BiFunction<String, Integer, String> misconfiguration) {

    public AwsCall {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(endpointVariables, "endpointVariables");
        Objects.requireNonNull(unknownOutcome, "unknownOutcome");
        Objects.requireNonNull(misconfiguration, "misconfiguration");
    }
}
