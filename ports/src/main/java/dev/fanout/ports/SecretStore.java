package dev.fanout.ports;

/** Reads a secret's value by its id (an ARN or a name), e.g. the mTLS secret a pipe authenticates with. */
public interface SecretStore extends AutoCloseable {

    /** The secret's value as stored; {@link PortException} naming the secret when it cannot be read. */
    Payload read(String secretId);

    @Override
    void close();
}
