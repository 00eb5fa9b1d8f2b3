package dev.fanout.ports;

import java.io.InputStream;
import java.util.stream.Stream;

/**
 * An output tree as it was stored: a local {@code --out} directory or an S3 bucket and prefix, read back to
 * check it ({@code fanout verify}).
 */
public interface StoredObjects extends AutoCloseable {

    /** Every object under the root, in lexicographic key order; {@link PortException} on an outage. */
    Stream<StoredObject> list();

    /** The object's stored bytes; the caller closes the stream. {@link PortException} when it cannot be read. */
    InputStream open(StoredObject object);

    /** Where the object is, as a person finds it: {@code /dir/rows/…} or {@code s3://bucket/prefix/rows/…}. */
    String location(StoredObject object);

    @Override
    void close();
}
