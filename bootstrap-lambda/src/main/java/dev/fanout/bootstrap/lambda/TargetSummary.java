package dev.fanout.bootstrap.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.in.RunSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * What {@link PipeTargetHandler} answers: the batch's counts. {@code points == rows + rejected points};
 * {@code rejected} counts dead bundles and rejected points by reason code; {@code deadLetters} counts those
 * written to S3; {@code possiblyDuplicated} counts rows a timed-out call may have stored twice (readers
 * deduplicate by row id); {@code unwritten} is 0 whenever the handler answers at all.
 */
record TargetSummary(long bundles, long deadBundles, long points, long rows, Map<RejectionReason, Long> rejected,
                     long deadLetters, long possiblyDuplicated, long unwritten) {

    private static final JsonFactory JSON = new JsonFactory();

    TargetSummary {
        EnumMap<RejectionReason, Long> copy = new EnumMap<>(RejectionReason.class);
        copy.putAll(rejected);
        rejected = Map.copyOf(copy);
    }

    static TargetSummary of(RunSummary run, DeliveryCounts delivery) {
        return new TargetSummary(run.bundles(), run.deadBundles(), run.points(), run.rows(), run.rejectedByReason(),
                delivery.deadLettersWritten(), delivery.possiblyDuplicatedRows(),
                run.unwrittenRows() + run.unwrittenDeadLetters());
    }

    void writeTo(OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("bundles", bundles);
            json.writeNumberField("deadBundles", deadBundles);
            json.writeNumberField("points", points);
            json.writeNumberField("rows", rows);
            json.writeObjectFieldStart("rejected");
            for (RejectionReason reason : RejectionReason.values()) {
                Long count = rejected.get(reason);
                if (count != null) {
                    json.writeNumberField(reason.code(), count);
                }
            }
            json.writeEndObject();
            json.writeNumberField("deadLetters", deadLetters);
            json.writeNumberField("possiblyDuplicated", possiblyDuplicated);
            json.writeNumberField("unwritten", unwritten);
            json.writeEndObject();
        }
    }
}
