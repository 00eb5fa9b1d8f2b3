package dev.fanout.domain.row;

import dev.fanout.domain.json.JsonBuffer;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * docs/row-event.md §6.2 dead letters: {@code {"schemaVersion":1,"kind","reason","detail","path","bundleId",
 * "source"}} plus {@code rowId} for a point and {@code payloadBase64} (the raw bundle) for a bundle; a bundle too
 * large keeps {@code payloadBytes} and a bounded prefix ({@link #tooLarge}). Not thread-safe: it
 * writes through a reused buffer.
 */
public final class DeadLetterEncoder {

    private static final int KEPT_BUFFER_BYTES = 1 << 20;
    private final JsonBuffer buf = new JsonBuffer(1024);

    /** A rejected data point. */
    public DeadLetter point(RejectionReason reason, String path, String detail, BundleId bundleId,
                            Provenance source, String rowId) {
        requireKind(reason, RejectionReason.Kind.POINT);
        start(reason, path, detail, bundleId, source);
        buf.writeAscii(",\"rowId\":");
        buf.writeString(rowId);
        return finish(reason, source, Optional.of(bundleId.hex()), Optional.of(rowId));
    }

    /**
     * A rejected bundle. {@code bundleId} is empty only when there were no bundle bytes at all (a bad
     * envelope). A bundle that was read keeps its payload, even an empty one ({@code "payloadBase64":""}, as
     * §6 and the reference have it); a bad envelope keeps what stood in the value, and nothing when nothing did.
     */
    public DeadLetter bundle(RejectionReason reason, String path, String detail, Optional<BundleId> bundleId,
                             Provenance source, byte[] payload) {
        requireKind(reason, RejectionReason.Kind.BUNDLE);
        start(reason, path, detail, bundleId.orElse(null), source);
        if (bundleId.isPresent() || payload.length > 0) {
            buf.writeAscii(",\"payloadBase64\":\"");
            buf.writeBytes(Base64.getEncoder().encode(payload));
            buf.writeByte('"');
        }
        return finish(reason, source, bundleId.map(BundleId::hex), Optional.empty());
    }

    /**
     * A bundle larger than the byte limit ({@code bundle.too_large}): its size as {@code payloadBytes}, its id
     * (the hash of all its bytes), and only its first {@code prefixLength} bytes as {@code payloadBase64}, with
     * {@code "payloadTruncated":true} when that is not all of it, so that one huge bundle never makes a huge
     * dead letter (docs/row-event.md §6.3).
     */
    public DeadLetter tooLarge(String detail, BundleId bundleId, Provenance source, long size, byte[] prefix,
                               int prefixLength) {
        start(RejectionReason.BUNDLE_TOO_LARGE, "$", detail, bundleId, source);
        buf.writeAscii(",\"payloadBytes\":");
        buf.writeAscii(Long.toString(size));
        buf.writeAscii(",\"payloadBase64\":\"");
        buf.writeBytes(Base64.getEncoder().encode(Arrays.copyOf(prefix, prefixLength)));
        buf.writeByte('"');
        if (prefixLength < size) {
            buf.writeAscii(",\"payloadTruncated\":true");
        }
        return finish(RejectionReason.BUNDLE_TOO_LARGE, source, Optional.of(bundleId.hex()), Optional.empty());
    }

    private static void requireKind(RejectionReason reason, RejectionReason.Kind kind) {
        if (reason.kind() != kind) {
            throw new IllegalArgumentException(reason + " is not a " + kind.code() + " reason");
        }
    }

    private void start(RejectionReason reason, String path, String detail, BundleId bundleId, Provenance source) {
        buf.reset();
        buf.writeAscii("{\"schemaVersion\":1,\"kind\":\"");
        buf.writeAscii(reason.kind().code());
        buf.writeAscii("\",\"reason\":\"");
        buf.writeAscii(reason.code());
        buf.writeAscii("\",\"detail\":");
        buf.writeString(detail);
        buf.writeAscii(",\"path\":");
        buf.writeString(path);
        buf.writeAscii(",\"bundleId\":");
        if (bundleId == null) {
            buf.writeNull();
        } else {
            buf.writeString(bundleId.hex());
        }
        buf.writeAscii(",\"source\":");
        SourceJson.write(source, buf);
    }

    private DeadLetter finish(RejectionReason reason, Provenance source, Optional<String> bundleId,
                              Optional<String> rowId) {
        buf.writeByte('}');
        DeadLetter letter = new DeadLetter(reason, source, bundleId, rowId, new Payload(buf.toByteArray()));
        // One huge bundle dead letter must not pin megabytes per thread for the rest of the run.
        buf.resetAndShrink(KEPT_BUFFER_BYTES);
        return letter;
    }
}
