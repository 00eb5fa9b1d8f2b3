package dev.fanout.bootstrap.cli;

import dev.fanout.adapters.aws.AwsClients;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SDK clients of one backfill: each made on first use (dead letters in a local folder need no S3
 * client) and all closed together when the run ends, with the credentials provider they share.
 */
@Singleton
final class AwsConnections implements AutoCloseable {

    private final AwsClients.Settings settings;
    private FirehoseClient firehose;
    private S3Client s3;

    @Inject
    AwsConnections(AwsClients.Settings settings) {
        this.settings = settings;
    }

    synchronized FirehoseClient firehose() {
        if (firehose == null) {
            firehose = AwsClients.firehose(settings);
        }
        return firehose;
    }

    synchronized S3Client s3() {
        if (s3 == null) {
            s3 = AwsClients.s3(settings);
        }
        return s3;
    }

    @Override
    public synchronized void close() {
        if (firehose != null) {
            firehose.close();
        }
        if (s3 != null) {
            s3.close();
        }
        // The clients do not close a provider they were handed; the default chain may hold a refresh thread.
        if (settings.credentials() instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
