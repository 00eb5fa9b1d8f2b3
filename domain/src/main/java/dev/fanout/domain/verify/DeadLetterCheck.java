package dev.fanout.domain.verify;

import dev.fanout.domain.row.BundleId;
import dev.fanout.ports.RejectionReason;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether one stored dead letter is a docs/row-event.md §6 dead letter of its {@code reason=} folder: the keys the
 * {@code DeadLetterEncoder} writes, a row id that belongs to the bundle, and a payload whose SHA-256 gives the
 * bundle id (so it is the very bundle that was rejected, and can be redriven).
 */
final class DeadLetterCheck {

    private static final Pattern ROW_ID = Pattern.compile("[0-9a-f]{32}");

    private DeadLetterCheck() {
    }

    static Optional<String> problem(Object value, RejectionReason folder, MessageDigest sha256) {
        if (!(value instanceof Map<?, ?> letter)) {
            return Optional.of("not a JSON object");
        }
        if (!Long.valueOf(1).equals(letter.get("schemaVersion"))) {
            return Optional.of("schemaVersion is " + letter.get("schemaVersion") + ", not 1");
        }
        if (!folder.code().equals(letter.get("reason"))) {
            return Optional.of("reason is " + letter.get("reason") + " in the folder of " + folder.code());
        }
        if (!folder.kind().code().equals(letter.get("kind"))) {
            return Optional.of("kind is " + letter.get("kind") + ", but " + folder.code() + " is a "
                    + folder.kind().code() + " reason");
        }
        if (!(letter.get("detail") instanceof String) || !(letter.get("path") instanceof String)) {
            return Optional.of("detail and path must be strings");
        }
        Optional<String> source = sourceProblem(letter.get("source"));
        if (source.isPresent()) {
            return source;
        }
        Object bundleId = letter.get("bundleId");
        if (bundleId == null && folder != RejectionReason.BUNDLE_BAD_ENVELOPE) {
            return Optional.of("bundleId is null; only a bad envelope may lack one");
        }
        if (bundleId != null && !(bundleId instanceof String id && id.matches("[0-9a-f]{24}"))) {
            return Optional.of("bundleId is not 24 lowercase hex characters");
        }
        return folder.kind() == RejectionReason.Kind.POINT
                ? pointProblem(letter, (String) bundleId)
                : bundleProblem(letter, (String) bundleId, sha256);
    }

    private static Optional<String> pointProblem(Map<?, ?> letter, String bundleId) {
        if (!(letter.get("rowId") instanceof String rowId) || !ROW_ID.matcher(rowId).matches()) {
            return Optional.of("a point dead letter needs a rowId of 32 lowercase hex characters");
        }
        if (!rowId.startsWith(bundleId)) {
            return Optional.of("rowId " + rowId + " does not start with bundleId " + bundleId);
        }
        if (letter.containsKey("payloadBase64")) {
            return Optional.of("a point dead letter carries no payloadBase64");
        }
        return Optional.empty();
    }

    private static Optional<String> bundleProblem(Map<?, ?> letter, String bundleId, MessageDigest sha256) {
        if (letter.containsKey("rowId")) {
            return Optional.of("a bundle dead letter carries no rowId");
        }
        Object encoded = letter.get("payloadBase64");
        byte[] payload;
        if (encoded == null) {
            payload = new byte[0];
        } else if (!(encoded instanceof String text)) {
            return Optional.of("payloadBase64 is not a string");
        } else {
            try {
                payload = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                return Optional.of("payloadBase64 is not base64");
            }
        }
        if (bundleId != null && !BundleId.of(payload, sha256).hex().equals(bundleId)) {
            return Optional.of("the payload's SHA-256 does not give bundleId " + bundleId
                    + ": it is not the rejected bundle");
        }
        return Optional.empty();
    }

    private static Optional<String> sourceProblem(Object value) {
        if (!(value instanceof Map<?, ?> source)) {
            return Optional.of("source is not an object");
        }
        boolean kafka = source.size() == 3 && source.get("topic") instanceof String
                && source.get("partition") instanceof Long && source.get("offset") instanceof Long;
        boolean line = source.size() == 2 && source.get("file") instanceof String
                && source.get("line") instanceof Long number && number >= 1;
        boolean file = source.size() == 1 && source.get("file") instanceof String;
        return kafka || line || file ? Optional.empty()
                : Optional.of("source is none of {topic,partition,offset}, {file,line}, {file}");
    }
}
