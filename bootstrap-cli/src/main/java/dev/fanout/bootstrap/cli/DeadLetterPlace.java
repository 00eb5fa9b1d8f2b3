package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.aws.s3.S3DeadLetterSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where a backfill through Firehose keeps its dead letters ({@code --dead-letters}): S3 or a local folder. */
sealed interface DeadLetterPlace {

    /** A URL scheme: anything other than s3:// is a mistake, not a folder name. */
    Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    /** The folder the reason folders go under, as a person reads it in the summary. */
    String describe();

    /** As the Lambda keeps them: objects under {@code s3://bucket/prefix/dead-letters/reason=…/}. */
    record InS3(S3DeadLetterSink.Settings settings) implements DeadLetterPlace {

        public InS3 {
            Objects.requireNonNull(settings, "settings");
        }

        @Override
        public String describe() {
            String prefix = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
            return "s3://" + settings.bucket() + "/" + prefix + "dead-letters/";
        }
    }

    /** As a local replay keeps them: {@code dir/dead-letters/reason=…/part-….jsonl.gz}. */
    record InDirectory(Path dir) implements DeadLetterPlace {

        public InDirectory {
            Objects.requireNonNull(dir, "dir");
        }

        @Override
        public String describe() {
            return dir.resolve("dead-letters") + "/";
        }
    }

    /**
     * Reads {@code --dead-letters} and {@code --sse-kms-key-id}.
     *
     * @throws IllegalArgumentException naming the option, for a bad bucket, another URL scheme, or a KMS key
     *                                  for a local folder
     */
    static DeadLetterPlace parse(String value, Optional<String> kmsKeyId, Duration callTimeout) {
        if (value.startsWith("s3://")) {
            String rest = value.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            try {
                S3DeadLetterSink.Settings settings = S3DeadLetterSink.Settings.of(bucket, prefix)
                        .withCallTimeout(callTimeout);
                return new InS3(kmsKeyId.map(settings::withKmsKeyId).orElse(settings));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--dead-letters " + value + ": " + e.getMessage(), e);
            }
        }
        if (SCHEME.matcher(value).matches()) {
            throw new IllegalArgumentException("--dead-letters takes s3://BUCKET/PREFIX or a local directory, not "
                    + value);
        }
        if (kmsKeyId.isPresent()) {
            throw new IllegalArgumentException("--sse-kms-key-id encrypts S3 objects; it needs --dead-letters"
                    + " s3://BUCKET/PREFIX, not the local directory " + value);
        }
        return new InDirectory(Path.of(value));
    }
}
