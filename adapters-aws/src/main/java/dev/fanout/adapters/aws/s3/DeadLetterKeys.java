package dev.fanout.adapters.aws.s3;

import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.Provenance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Object keys for dead letters: {@code <prefix>/dead-letters/reason=<code>/<source>_<bundle id>_<digest>.jsonl.gz}.
 *
 * <p>The key is a function of what the object holds: the source and bundle id of its first letter and a
 * digest of all its lines. A batch retried by Pipes (or a replay run twice) therefore writes the same keys again and
 * overwrites, never duplicates; two different groups of letters never share a key, so nothing is
 * overwritten that was not identical.
 */
final class DeadLetterKeys {

    private static final HexFormat HEX = HexFormat.of();

    private final String prefix;

    /** @param prefix the folder above {@code dead-letters/}, without leading or trailing slashes; may be empty */
    DeadLetterKeys(String prefix) {
        this.prefix = prefix;
    }

    String keyFor(List<DeadLetter> group) {
        DeadLetter first = group.getFirst();
        MessageDigest sha = sha256();
        for (DeadLetter letter : group) {
            sha.update(letter.line().bytes());
            sha.update((byte) '\n');
        }
        String digest = HEX.formatHex(sha.digest()).substring(0, 16);
        String name = source(first.source()) + "_" + first.bundleId().orElse("nobundle") + "_" + digest;
        return (prefix.isEmpty() ? "" : prefix + "/") + "dead-letters/reason=" + first.reason().code() + "/" + name
                + ".jsonl.gz";
    }

    private static String source(Provenance source) {
        return switch (source) {
            case Provenance.KafkaRecord kafka -> "kafka_" + segment(kafka.topic()) + "_p" + kafka.partition()
                    + "_o" + kafka.offset();
            case Provenance.JsonLine line -> "file_" + segment(line.file()) + "_l" + line.line();
            case Provenance.WholeFile file -> "file_" + segment(file.file());
        };
    }

    /**
     * A key-safe rendering of a topic or path: bytes outside {@code [A-Za-z0-9.-]} percent-encoded, and a long
     * result shortened to 80 characters, {@code ~} and 16 hex characters of its SHA-256 (as docs/row-event.md §4.2 does).
     */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean safe = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-';
            if (safe) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        if (out.length() <= 100) {
            return out.toString();
        }
        String hash = HEX.formatHex(sha256().digest(value.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        return out.substring(0, 80) + "~" + hash;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
