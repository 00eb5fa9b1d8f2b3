package dev.fanout.bootstrap.cli;

import static dev.fanout.bootstrap.cli.CommandSpecs.option;
import static dev.fanout.bootstrap.cli.CommandSpecs.value;
import static dev.fanout.bootstrap.cli.CommandSpecs.valueOrDefault;

import dev.fanout.adapters.aws.AwsClients;
import dev.fanout.adapters.aws.firehose.FirehoseRowSink;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.regions.Region;

/**
 * The options of a backfill through Amazon Data Firehose, an argument group of {@code fanout replay}: when
 * one of them is given, {@code --firehose} is required.
 */
final class FirehoseArgs {

    /** A TCP connection to an AWS endpoint takes milliseconds; two seconds means the network is wrong. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private FirehoseArgs() {
    }

    /** The group's options, for {@code fanout replay}'s command spec. */
    static ArgGroupSpec group() {
        return ArgGroupSpec.builder().exclusive(false).multiplicity("0..1")
                .heading("%nBackfill through Amazon Data Firehose (instead of --out):%n")
                .addArg(option("--firehose", "STREAM", String.class,
                        "Write rows to this Firehose Direct PUT stream instead of files: newline-delimited"
                                + " records for its JSON de-aggregation, so they land in the production S3 layout.")
                        .required(true).build())
                .addArg(option("--region", "REGION", String.class,
                        "AWS region of the stream and the bucket (default: AWS_REGION, then AWS_DEFAULT_REGION)."
                                + " Credentials come from the AWS SDK's default chain (AWS_* variables, profile,"
                                + " role).").build())
                .addArg(option("--dead-letters", "s3://BUCKET/PREFIX|DIR", String.class,
                        "Required with --firehose: where rejected bundles and points go, as they are never"
                                + " dropped and the stream takes only rows. s3://BUCKET/PREFIX puts objects under"
                                + " PREFIX/dead-letters/reason=<reason>/ as the Lambda does; a DIR gets"
                                + " DIR/dead-letters/reason=<reason>/ as with --out.").build())
                .addArg(option("--sse-kms-key-id", "KEY", String.class,
                        "Encrypt dead-letter objects with this KMS key id, ARN or alias (SSE-KMS; default: the"
                                + " bucket's default encryption). Only for dead letters in S3.").build())
                .addArg(option("--rows-per-record", "N", Integer.class,
                        "Rows packed into one Firehose record, newline-delimited, 1-500; 1 for a stream without"
                                + " JSON record de-aggregation (default: ${DEFAULT-VALUE}).")
                        .defaultValue("" + FirehoseRowSink.MAX_ROWS_PER_RECORD).build())
                .addArg(option("--write-timeout", "DURATION", Duration.class,
                        "Time for writing one batch of rows or dead letters, retries with backoff included;"
                                + " what is still unwritten then is counted and the run exits 1 (default:"
                                + " ${DEFAULT-VALUE}).")
                        .defaultValue("5m").converters(new DurationConverter()).build())
                .addArg(option("--call-timeout", "DURATION", Duration.class,
                        "Longest single PutRecordBatch or PutObject call. A timed-out call is resent and may"
                                + " store rows twice; the summary counts them (default: ${DEFAULT-VALUE}).")
                        .defaultValue("10s").converters(new DurationConverter()).build())
                // Hidden: AWS_ENDPOINT_URL* already serve LocalStack users; this one makes tests independent of
                // the process environment. It addresses S3 buckets path-style, as local fakes need.
                .addArg(option("--endpoint-url", "URL", URI.class,
                        "One endpoint for Firehose and S3 (path-style), for LocalStack-style testing.")
                        .hidden(true).build())
                .build();
    }

    /** Whether the command line named a Firehose stream (picocli then requires the group to be complete). */
    static boolean given(CommandSpec spec) {
        return value(spec, "--firehose") != null;
    }


    /**
     * The validated target of the backfill.
     *
     * @throws IllegalArgumentException naming the option at fault: it is a usage error
     */
    static FirehoseOptions options(CommandSpec spec, CliEnvironment environment) {
        String stream = value(spec, "--firehose");
        String region = value(spec, "--region");
        String deadLetters = value(spec, "--dead-letters");
        String kmsKeyId = value(spec, "--sse-kms-key-id");
        // picocli applies no defaults inside a matched argument group, so they are applied here.
        int rowsPerRecord = valueOrDefault(spec, "--rows-per-record");
        Duration writeTimeout = valueOrDefault(spec, "--write-timeout");
        Duration callTimeout = valueOrDefault(spec, "--call-timeout");
        URI endpoint = value(spec, "--endpoint-url");
        if (deadLetters == null) {
            throw new IllegalArgumentException("--firehose needs --dead-letters s3://BUCKET/PREFIX or DIR: rejected"
                    + " bundles and points are never dropped, and the stream takes only rows");
        }
        String regionName = Optional.ofNullable(region).map(String::strip).filter(r -> !r.isEmpty())
                .or(environment::awsRegion)
                .orElseThrow(() -> new IllegalArgumentException("--firehose needs an AWS region: pass --region or set"
                        + " AWS_REGION (or AWS_DEFAULT_REGION)"));
        FirehoseRowSink.Settings rows;
        try {
            rows = FirehoseRowSink.Settings.packed(stream).withCallTimeout(callTimeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--firehose: " + e.getMessage(), e);
        }
        try {
            rows = rows.withRowsPerRecord(rowsPerRecord);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--rows-per-record: " + e.getMessage(), e);
        }
        DeadLetterPlace place = DeadLetterPlace.parse(deadLetters, Optional.ofNullable(kmsKeyId), callTimeout);
        // A read that waits longer than a whole call may take is pointless: the socket timeout is the call's.
        AwsClients.Settings aws = AwsClients.Settings.of(Region.of(regionName), environment.credentials().get())
                .withTimeouts(CONNECT_TIMEOUT, callTimeout);
        if (endpoint != null) {
            try {
                aws = aws.withEndpoint(endpoint).withS3PathStyle(true);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--endpoint-url: " + e.getMessage(), e);
            }
        }
        return new FirehoseOptions(rows, aws, place, writeTimeout);
    }
}
