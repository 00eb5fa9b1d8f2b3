package dev.fanout.adapters.aws.s3;

import dev.fanout.adapters.aws.failure.AwsCall;
import dev.fanout.adapters.aws.failure.AwsFailures;
import dev.fanout.adapters.aws.failure.CallRefusal;
import dev.fanout.ports.DeadLetter;
import dev.fanout.ports.DeadLetterSink;
import dev.fanout.ports.RejectionReason;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Keeps dead letters in S3 in the docs/row-event.md §6 layout: one gzip JSONL object (each line a
 * {@link DeadLetter#line()} plus {@code '\n'}) per reason per call of {@link #write}, at
 * {@code <prefix>/dead-letters/reason=<reason>/<source>_<bundle id>_<digest>.jsonl.gz}, named after the
 * source and bundle id of its first letter and a digest of all its lines. Keys are derived from the
 * content, so a retried batch overwrites its objects instead of duplicating them, and two different
 * groups never share a key. One object per reason keeps a Lambda batch to a handful of PUTs and Athena
 * away from millions of tiny files.
 * Objects are encrypted with SSE-KMS when a key id is set (else with the bucket's default encryption).
 *
 * <p>One PutObject attempt per group per call of {@link #write}, each with a timeout of
 * {@link Settings#callTimeout()} or the time left until the deadline, whichever is shorter; the SDK client
 * must not retry ({@code AwsClients}). Failed calls are sorted by the AWS sinks' one failure model
 * ({@link AwsFailures}): throttling, 5xx, timeouts and broken connections refuse the group's letters as
 * retryable — never as possibly written, since a resend overwrites the same key; a misconfiguration (no bucket, access denied, wrong region, a bad KMS key) throws a
 * {@link dev.fanout.ports.PortException} that says what to check.
 */
public final class S3DeadLetterSink implements DeadLetterSink {

    /**
     * Where dead letters go.
     *
     * @param bucket      the bucket
     * @param prefix      the folder above {@code dead-letters/} ("" for the bucket's root); slashes at either end
     *                    are dropped
     * @param kmsKeyId    an SSE-KMS key id, ARN or alias to encrypt with, if any
     * @param callTimeout the longest a single PutObject call may take
     */
    public record Settings(String bucket, String prefix, Optional<String> kmsKeyId, Duration callTimeout) {

        public Settings {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(kmsKeyId, "kmsKeyId");
            Objects.requireNonNull(callTimeout, "callTimeout");
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
            }
            prefix = prefix.replaceAll("^/+|/+$", "");
            if (prefix.contains("//")) {
                throw new IllegalArgumentException("the prefix has an empty folder: '" + prefix + "'");
            }
            if (kmsKeyId.isPresent() && kmsKeyId.get().isBlank()) {
                throw new IllegalArgumentException("a KMS key id must not be blank");
            }
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
            }
        }

        /** No KMS key (the bucket's default encryption), 10 s per call. */
        public static Settings of(String bucket, String prefix) {
            return new Settings(bucket, prefix, Optional.empty(), Duration.ofSeconds(10));
        }

        public Settings withKmsKeyId(String keyId) {
            return new Settings(bucket, prefix, Optional.of(keyId), callTimeout);
        }

        public Settings withCallTimeout(Duration timeout) {
            return new Settings(bucket, prefix, kmsKeyId, timeout);
        }
    }

    /** The least time left before the deadline for which a PutObject is still attempted. */
    public static final Duration MIN_CALL_TIME = Duration.ofMillis(50);

    private final S3Client client;
    private final Settings settings;
    private final InstantSource clock;
    private final DeadLetterKeys keys;
    private final AwsFailures failures;

    /**
     * @param client   a client that does not retry (see {@code AwsClients}); the caller owns and closes it
     * @param settings the bucket, prefix and encryption
     * @param clock    measures the time left until a write's deadline
     */
    public S3DeadLetterSink(S3Client client, Settings settings, InstantSource clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = new DeadLetterKeys(settings.prefix());
        Region region = client.serviceClientConfiguration().region();
        this.failures = new AwsFailures(putObject(settings.bucket(), settings.prefix(),
                region == null ? "(no region)" : region.id()));
    }

    @Override
    public WriteOutcome<DeadLetter> write(List<DeadLetter> letters, Instant deadline) {
        Objects.requireNonNull(letters, "letters");
        Objects.requireNonNull(deadline, "deadline");
        Map<RejectionReason, List<DeadLetter>> groups = new LinkedHashMap<>();
        for (DeadLetter letter : letters) {
            groups.computeIfAbsent(letter.reason(), k -> new ArrayList<>()).add(letter);
        }
        List<DeadLetter> written = new ArrayList<>(letters.size());
        List<Refusal<DeadLetter>> refused = new ArrayList<>();
        for (List<DeadLetter> group : groups.values()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(MIN_CALL_TIME) < 0) {
                CallRefusal notSent = failures.notSent(left, deadline);
                group.forEach(l -> refused.add(notSent.of(l)));
                continue;
            }
            Duration timeout = left.compareTo(settings.callTimeout()) < 0 ? left : settings.callTimeout();
            CallRefusal problem = put(keys.keyFor(group), gzipLines(group), timeout);
            if (problem == null) {
                written.addAll(group);
            } else {
                group.forEach(l -> refused.add(problem.of(l)));
            }
        }
        return new WriteOutcome<>(written, refused);
    }

    /** Every object is complete once its PutObject returned. The client belongs to the caller. */
    @Override
    public void close() {
    }

    /** Puts one object; null when it was stored, else how to refuse its letters. */
    private CallRefusal put(String key, byte[] body, Duration timeout) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(settings.bucket())
                .key(key)
                // a gzip file, not gzip transfer encoding: readers get the .jsonl.gz bytes as stored
                .contentType("application/gzip")
                .contentLength((long) body.length)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout));
        settings.kmsKeyId().ifPresent(id -> request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(id));
        try {
            client.putObject(request.build(), RequestBody.fromBytes(body));
            return null;
        } catch (SdkException e) {
            return failures.classify(e);
        } catch (RuntimeException e) {
            return failures.unexpected(e);
        }
    }

    private static AwsCall putObject(String bucket, String prefix, String region) {
        String location = "s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + "dead-letters/ in region "
                + region;
        return new AwsCall("S3", "PutObject", "bucket '" + bucket + "' in region " + region,
                "AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL", true,
                "S3 may have stored the object; a resend overwrites the same key, never duplicates it",
                (code, status) -> switch (code) {
                    case "NoSuchBucket" -> "The bucket '" + bucket + "' does not exist. Check the dead-letter location.";
                    case "AccessDenied", "AllAccessDisabled", "InvalidAccessKeyId", "SignatureDoesNotMatch",
                         "ExpiredToken", "InvalidToken" -> "Access to " + location + " was denied. Check that the"
                            + " credentials are valid and that their role allows s3:PutObject there (and"
                            + " kms:GenerateDataKey on the KMS key, if one is set).";
                    case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException" ->
                            "The bucket '" + bucket + "' is not in region " + region + ". Configure the bucket's region.";
                    case "KMS.NotFoundException", "KMS.DisabledException", "KMS.KMSInvalidStateException",
                         "KMS.AccessDeniedException", "KMS.InvalidKeyUsageException" -> "S3 cannot encrypt " + location
                            + " with the configured KMS key. Check the key id, its state and its policy for the"
                            + " writer's role.";
                    default -> (status == 301 ? "The bucket '" + bucket + "' is not in region " + region + ". " : "")
                            + "S3 refused PutObject under " + location + ".";
                });
    }

    private static byte[] gzipLines(List<DeadLetter> group) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (DeadLetter letter : group) {
                gzip.write(letter.line().bytes());
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
