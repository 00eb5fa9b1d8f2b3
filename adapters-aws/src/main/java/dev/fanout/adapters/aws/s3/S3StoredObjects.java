package dev.fanout.adapters.aws.s3;

import dev.fanout.ports.PortException;
import dev.fanout.ports.StoredObject;
import dev.fanout.ports.StoredObjects;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An output tree in S3, read back: {@code ListObjectsV2} (paged, keys in lexicographic order as S3 returns
 * them) under {@code bucket/prefix/}, and {@code GetObject} for each object. Keys are given relative to the
 * prefix. Every failure is a {@link PortException} naming the bucket and what to check. Owns the client.
 */
public final class S3StoredObjects implements StoredObjects {

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    /**
     * @param prefix the folder above {@code rows/} and {@code dead-letters/} ("" for the bucket's root)
     */
    public S3StoredObjects(S3Client client, String bucket, String prefix) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        String trimmed = Objects.requireNonNull(prefix, "prefix").replaceAll("^/+|/+$", "");
        this.prefix = trimmed.isEmpty() ? "" : trimmed + "/";
    }

    @Override
    public Stream<StoredObject> list() {
        // The pages are fetched as the stream is read, so a failure surfaces inside the iteration.
        Iterator<S3Object> pages;
        try {
            pages = client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents()
                    .iterator();
        } catch (SdkException e) {
            throw failed("list", "s3://" + bucket + "/" + prefix, e);
        }
        Iterator<S3Object> translated = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return pages.hasNext();
                } catch (SdkException e) {
                    throw failed("list", "s3://" + bucket + "/" + prefix, e);
                }
            }

            @Override
            public S3Object next() {
                try {
                    return pages.next();
                } catch (SdkException e) {
                    throw failed("list", "s3://" + bucket + "/" + prefix, e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(translated, Spliterator.ORDERED), false)
                .filter(object -> object.key().length() > prefix.length())
                .map(object -> new StoredObject(object.key().substring(prefix.length()), object.size()));
    }

    @Override
    public InputStream open(StoredObject object) {
        try {
            return client.getObject(request -> request.bucket(bucket).key(prefix + object.key()));
        } catch (SdkException e) {
            throw failed("read", location(object), e);
        }
    }

    @Override
    public String location(StoredObject object) {
        return "s3://" + bucket + "/" + prefix + object.key();
    }

    @Override
    public void close() {
        client.close();
    }

    private static PortException failed(String what, String where, SdkException e) {
        String why = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.statusCode() + " " + service.awsErrorDetails().errorCode() + ": "
                        + service.awsErrorDetails().errorMessage()
                : e.getMessage();
        String hint = e instanceof AwsServiceException service && service.statusCode() == 403
                ? " (the caller needs s3:ListBucket and s3:GetObject)"
                : e instanceof AwsServiceException service && service.statusCode() == 404
                        ? " (check the bucket name and the region)" : "";
        return new PortException("cannot " + what + " " + where + ": " + why + hint, e);
    }
}
