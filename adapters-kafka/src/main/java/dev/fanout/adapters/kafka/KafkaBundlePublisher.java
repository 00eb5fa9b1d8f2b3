package dev.fanout.adapters.kafka;

import dev.fanout.ports.BundlePublisher;
import dev.fanout.ports.OutgoingRecord;
import dev.fanout.ports.Payload;
import dev.fanout.ports.PortException;
import dev.fanout.ports.PublishOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts bundles on a Kafka topic as LogicMonitor Data Publisher does: one record per bundle, the value byte for
 * byte, uncompressed, over TLS with a client certificate (MSK's mTLS listener), from PEM text, with no keystore
 * files ({@code ssl.keystore.type=PEM}). Before sending, an admin client describes the topic, so a refused
 * handshake, an unknown topic or an unreachable broker is one clear {@link PortException} rather than a
 * timeout per record. Every wait is bounded by {@link Settings#timeout()}.
 */
public final class KafkaBundlePublisher implements BundlePublisher {

    /**
     * Where and how to connect.
     *
     * @param bootstrap        {@code host:port[,host:port…]}
     * @param topic            the topic the records go to
     * @param certificateChain the client certificate chain, PEM, leaf first
     * @param privateKey       the client key, PKCS#8 PEM (encrypted or not)
     * @param keyPassword      the password of an encrypted key
     * @param trustedCas       CA certificates (PEM) to trust instead of the JVM's (a self-managed cluster)
     * @param timeout          the longest any step may take: connecting, the handshake, each acknowledgement
     */
    public record Settings(String bootstrap, String topic, String certificateChain, String privateKey,
                           Optional<String> keyPassword, Optional<String> trustedCas, Duration timeout) {

        public Settings {
            Objects.requireNonNull(bootstrap, "bootstrap");
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(keyPassword, "keyPassword");
            Objects.requireNonNull(trustedCas, "trustedCas");
            Objects.requireNonNull(timeout, "timeout");
            if (!bootstrap.matches("[^\\s,:]+:[0-9]{1,5}(,[^\\s,:]+:[0-9]{1,5})*")) {
                throw new IllegalArgumentException("not HOST:PORT[,HOST:PORT…]: " + bootstrap);
            }
            if (topic.isBlank()) {
                throw new IllegalArgumentException("the topic must not be blank");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
            }
        }
    }

    private final Settings settings;
    private final KafkaProducer<byte[], byte[]> producer;

    /** Connects lazily: nothing reaches the network until {@link #publish}. */
    public KafkaBundlePublisher(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Properties producerConfig = connection(settings);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        long millis = settings.timeout().toMillis();
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(millis));
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(millis));
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(millis + 5));
        try {
            this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new PortException("cannot set up the Kafka client: " + reason(e), e);
        }
    }

    @Override
    public PublishOutcome publish(Iterable<OutgoingRecord> records) {
        checkTopic();
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        for (OutgoingRecord record : records) {
            ProducerRecord<byte[], byte[]> kafka = new ProducerRecord<>(settings.topic(), null,
                    record.key().map(Payload::bytes).orElse(null), record.value().bytes());
            record.headers().forEach(h -> kafka.headers().add(new RecordHeader(h.name(), h.value().bytes())));
            try {
                pending.add(producer.send(kafka));
            } catch (KafkaException e) {
                pending.add(CompletableFuture.failedFuture(e));
            }
        }
        producer.flush();
        long acknowledged = 0;
        Optional<String> firstRefusal = Optional.empty();
        for (Future<RecordMetadata> future : pending) {
            try {
                future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged++;
            } catch (ExecutionException e) {
                if (firstRefusal.isEmpty()) {
                    firstRefusal = Optional.of(reason(e.getCause()));
                }
            } catch (TimeoutException e) {
                if (firstRefusal.isEmpty()) {
                    firstRefusal = Optional.of("no acknowledgement within " + settings.timeout().toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PortException("interrupted while waiting for acknowledgements", e);
            }
        }
        return new PublishOutcome(pending.size(), acknowledged, firstRefusal);
    }

    /** Describes the topic: proves the connection, the handshake, the topic and the rights in one round trip. */
    private void checkTopic() {
        Properties adminConfig = connection(settings);
        int millis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(millis));
        try (Admin admin = Admin.create(adminConfig)) {
            admin.describeTopics(List.of(settings.topic())).allTopicNames().get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String where = settings.bootstrap();
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new PortException("topic '" + settings.topic() + "' does not exist on " + where, cause);
            }
            if (cause instanceof AuthenticationException) {
                throw new PortException("the TLS handshake with " + where + " was refused: " + reason(cause)
                        + " (check the client certificate, its CA and --ca)", cause);
            }
            if (cause instanceof AuthorizationException) {
                throw new PortException("not allowed to use topic '" + settings.topic() + "' on " + where + ": "
                        + reason(cause), cause);
            }
            // Kafka's own TimeoutException, not java.util.concurrent's (imported for the future's wait).
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(cause);
            }
            throw new PortException("cannot use topic '" + settings.topic() + "' on " + where + ": " + reason(cause),
                    cause);
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted while connecting to " + settings.bootstrap(), e);
        } catch (KafkaException e) {
            throw new PortException("cannot connect to " + settings.bootstrap() + ": " + reason(e), e);
        }
    }

    private PortException unreachable(Throwable cause) {
        return new PortException("no answer from " + settings.bootstrap() + " within " + settings.timeout().toSeconds()
                + " s (check the address, the port - 9094 is MSK's TLS port - and that the network lets you in)",
                cause);
    }

    /** The connection's properties, shared by the admin client and the producer. */
    private static Properties connection(Settings settings) {
        Properties config = new Properties();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "fanout-publish");
        config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, settings.certificateChain());
        config.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, settings.privateKey());
        settings.keyPassword().ifPresent(p -> config.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, p));
        settings.trustedCas().ifPresent(cas -> {
            config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, cas);
        });
        // A wrong address must fail within the timeout, not retry for minutes.
        long millis = settings.timeout().toMillis();
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Long.toString(Math.min(millis, 10_000)));
        config.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Long.toString(millis));
        config.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return config;
    }

    /** The deepest message of an exception chain, on one line. */
    private static String reason(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
        String top = e.getMessage() != null && e != deepest ? e.getMessage() + ": " : "";
        return (top + message).replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    @Override
    public void close() {
        producer.close(settings.timeout());
    }
}
