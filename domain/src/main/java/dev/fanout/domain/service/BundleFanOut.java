package dev.fanout.domain.service;

import dev.fanout.domain.otlp.DecodeResult;
import dev.fanout.domain.otlp.Failure;
import dev.fanout.domain.otlp.OtlpDecoder;
import dev.fanout.domain.row.BundleId;
import dev.fanout.domain.row.DeadLetterEncoder;
import dev.fanout.domain.row.RowFlattener;
import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.RowBatch;
import dev.fanout.ports.in.BundleOutcome;
import dev.fanout.ports.in.FanOutBundle;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fan-out of one bundle (docs/row-event.md §1–§6): size check, decode, flatten, encode; rows and dead letters come
 * back as values, nothing is written. Pure and thread-safe: each calling thread gets its own decoder,
 * flattener, buffers and SHA-256 instance, reused from one bundle to the next.
 */
public final class BundleFanOut implements FanOutBundle {

    private static final String TOO_LARGE = "bundle larger than limit";

    private final FanOutSettings settings;
    private final ThreadLocal<Worker> workers;

    /** A fan-out hashing bundle ids with the JDK's SHA-256. */
    public BundleFanOut(FanOutSettings settings) {
        this(settings, BundleFanOut::jdkSha256);
    }

    /**
     * @param sha256 a new SHA-256 digest for each calling thread, e.g. a faster implementation than the JDK's;
     *               every implementation gives the same bundle ids
     */
    public BundleFanOut(FanOutSettings settings, Supplier<MessageDigest> sha256) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sha256, "sha256");
        this.workers = ThreadLocal.withInitial(() -> new Worker(settings, sha256.get()));
    }

    private static MessageDigest jdkSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public FanOutSettings settings() {
        return settings;
    }

    /**
     * The bundle's rows in the outcome. An unexpected error while fanning it out (a defect of the product)
     * becomes a {@code bundle.internal_error} dead letter instead of an exception: the rows made before it are
     * dropped with the private batch they went into, so the outcome stays whole (docs/row-event.md §6).
     */
    @Override
    public BundleOutcome fanOut(BundleEnvelope envelope) {
        Objects.requireNonNull(envelope, "envelope");
        RowBatch.EncodedRows rows = new RowBatch.EncodedRows();
        BundleOutcome outcome;
        try {
            outcome = fanOut(envelope, rows);
        } catch (RuntimeException e) {
            return InternalErrors.outcome(envelope, e);
        }
        return new BundleOutcome(outcome.bundleDead(), outcome.pointsWalked(), rows.rows(), outcome.deadLetters());
    }

    /** Encodes each row straight into {@code rows} (no array of its own). */
    @Override
    public BundleOutcome fanOut(BundleEnvelope envelope, RowBatch rows) {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(rows, "rows");
        Worker worker = workers.get();
        return switch (envelope) {
            case BundleEnvelope.RawBundle raw -> worker.fanOut(raw.payload().bytes(), raw.source(), rows);
            case BundleEnvelope.BadEnvelope bad -> dead(worker.deadLetters.bundle(RejectionReason.BUNDLE_BAD_ENVELOPE,
                    "$", bad.detail(), Optional.empty(), bad.source(), bad.undecodedValue().bytes()));
            case BundleEnvelope.TooLarge tooLarge -> dead(worker.deadLetters.tooLarge(TOO_LARGE,
                    new BundleId(tooLarge.sha256Hex().substring(0, 24)), tooLarge.source(), tooLarge.size(),
                    tooLarge.prefix().bytes(), tooLarge.prefix().size()));
        };
    }

    private static BundleOutcome dead(DeadLetter letter) {
        return new BundleOutcome(true, 0, List.of(), List.of(letter));
    }

    /** Everything one thread reuses. */
    private static final class Worker {
        private final long maxBundleBytes;
        private final OtlpDecoder decoder;
        private final RowFlattener flattener;
        private final DeadLetterEncoder deadLetters = new DeadLetterEncoder();
        private final MessageDigest sha256;

        Worker(FanOutSettings settings, MessageDigest sha256) {
            this.maxBundleBytes = settings.limits().maxBundleBytes();
            this.decoder = new OtlpDecoder(settings.decodeLimits(), settings.rowSettings().lookupKeys());
            this.flattener = new RowFlattener(settings.rowSettings());
            this.sha256 = Objects.requireNonNull(sha256, "sha256");
        }

        BundleOutcome fanOut(byte[] raw, Provenance source, RowBatch rows) {
            BundleId bundleId = BundleId.of(raw, sha256);
            if (raw.length > maxBundleBytes) {
                return dead(deadLetters.tooLarge(TOO_LARGE, bundleId, source, raw.length, raw,
                        Math.min(raw.length, BundleEnvelope.TooLarge.KEPT_PREFIX_BYTES)));
            }
            DecodeResult decoded = decoder.decode(raw);
            return switch (decoded) {
                case DecodeResult.Rejected rejected -> rejected(rejected.reason(), rejected.failure(), bundleId,
                        source, raw);
                case DecodeResult.Decoded ok -> flattener.flatten(ok.bundle(), bundleId, source, deadLetters, rows);
            };
        }

        private BundleOutcome rejected(RejectionReason reason, Failure failure, BundleId bundleId, Provenance source,
                                       byte[] raw) {
            return dead(deadLetters.bundle(reason, failure.path(), failure.detail(), Optional.of(bundleId), source,
                    raw));
        }
    }
}
