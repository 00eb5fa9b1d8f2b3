package dev.fanout.adapters.aws.pipes;

import dev.fanout.ports.Payload;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** Builds Pipes Kafka events as the Lambda target receives them (EventBridge Pipes user guide, Amazon MSK source), for tests. */
final class PipesEvents {

    private PipesEvents() {
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A full MSK record as the docs show it, with key, headers as byte arrays and the value in base64. */
    static String mskRecord(String topic, String partitionJson, String offsetJson, String valueJson) {
        return "{\"eventSource\":\"aws:kafka\",\"eventSourceArn\":\"arn:aws:kafka:us-west-2:123456789012:cluster/demo/x\","
                + "\"eventSourceKey\":\"" + topic + "-0\",\"topic\":\"" + topic + "\",\"partition\":" + partitionJson
                + ",\"offset\":" + offsetJson + ",\"timestamp\":1545084650987,\"timestampType\":\"CREATE_TIME\","
                + "\"key\":\"aw==\"" + (valueJson == null ? "" : ",\"value\":" + valueJson)
                + ",\"headers\":[{\"headerKey\":[104,101,97,100,101,114]},{\"signed\":[-1,255,0]}]}";
    }

    static String event(List<String> records) {
        return records.stream().collect(Collectors.joining(",", "[", "]"));
    }

    static Payload payload(String json) {
        return Payload.utf8(json);
    }
}
