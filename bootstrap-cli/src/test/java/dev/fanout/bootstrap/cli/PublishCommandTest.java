package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.adapters.aws.pipes.PipesEventDecoder;
import dev.fanout.adapters.local.file.FileBundleSource;
import dev.fanout.ports.BundleEnvelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fanout publish} against a real Kafka broker in this JVM (KRaft, one combined node) whose listener
 * speaks TLS and requires a client certificate, like MSK's mTLS listener. The CA, the broker's and the clients'
 * certificates are made when the class starts; one broker serves every test (it takes ~1.5 s to start).
 */
class PublishCommandTest {

    private static final String TOPIC = "lm.metrics.otlp";
    private static final String SMALL_TOPIC = "small-records";

    @TempDir
    static Path pki;

    private static KafkaClusterTestKit cluster;
    private static TestPki.Issued ca;
    private static TestPki.Issued client;
    private static Path caPem;
    private static Path clientChain;
    private static Path clientKey;

    @TempDir
    Path temp;

    @BeforeAll
    static void startABrokerRequiringClientCertificates() throws Exception {
        ca = TestPki.ca("CN=Test Kafka CA");
        TestPki.Issued server = TestPki.issue(ca, "CN=localhost", List.of("localhost", "127.0.0.1"));
        client = TestPki.issue(ca, "CN=lmdp-publisher", List.of());
        caPem = Files.writeString(pki.resolve("ca.pem"), ca.certificatePem());
        clientChain = Files.writeString(pki.resolve("client.pem"), client.certificatePem() + ca.certificatePem());
        clientKey = Files.writeString(pki.resolve("client-key.pem"), client.pbes1KeyPem("k3y"));
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                // The test kit only sets up plaintext listeners; its broker listener is made TLS here (the kit
                // keeps a protocol map it is given), with client certificates required, as on MSK's port 9094.
                .setConfigProp("listener.security.protocol.map", "EXTERNAL:SSL,CONTROLLER:PLAINTEXT")
                .setConfigProp("ssl.client.auth", "required")
                .setConfigProp(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM")
                .setConfigProp(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, server.certificatePem()
                        + ca.certificatePem())
                .setConfigProp(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, server.keyPem())
                .setConfigProp(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM")
                .setConfigProp(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, ca.certificatePem())
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = Admin.create(clientConfig())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1),
                    new NewTopic(SMALL_TOPIC, 1, (short) 1).configs(Map.of("max.message.bytes", "200"))))
                    .all().get();
        }
    }

    @AfterAll
    static void stopTheBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void publish_putsEveryBundleOnTheTopicByteForByte_withTheKeysAndHeadersOfARecordedPipesEvent() {
        // given: the bundles a replay of the samples takes, in its order
        List<byte[]> bundles = replayedBundles(ReplayCommandTest.SAMPLES);

        // when
        CommandRunner.Result result = CommandRunner.run("publish", "--bootstrap", cluster.bootstrapServers(),
                "--topic", TOPIC, "--cert", clientChain.toString(), "--key", clientKey.toString(), "--key-password",
                "k3y", "--ca", caPem.toString(), "--timeout", "20s", ReplayCommandTest.SAMPLES.toString());

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(String.format("sent         %,d records", bundles.size()),
                String.format("acknowledged %,d", bundles.size()));
        List<ConsumerRecord<byte[], byte[]>> records = consume(TOPIC, bundles.size());
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyElementsOf(bundles);
        // The recorded Pipes event's records (the last six) keep their key "k" and header h="hi".
        ConsumerRecord<byte[], byte[]> fromEvent = records.getLast();
        assertThat(fromEvent.key()).isEqualTo(Base64.getDecoder().decode("aw=="));
        Header header = fromEvent.headers().lastHeader("h");
        assertThat(header.value()).isEqualTo(new byte[] {104, 105});
        assertThat(records.getFirst().key()).isNull();
    }

    @Test
    void publish_isRefused_withAClientCertificateFromAnotherCa_inOneClearLine() throws IOException {
        // given
        TestPki.Issued stranger = TestPki.issue(TestPki.ca("CN=Some Other CA"), "CN=stranger", List.of());
        Path chain = Files.writeString(temp.resolve("stranger.pem"), stranger.certificatePem());
        Path key = Files.writeString(temp.resolve("stranger-key.pem"), stranger.keyPem());

        // when
        CommandRunner.Result result = CommandRunner.run("publish", "--bootstrap", cluster.bootstrapServers(),
                "--topic", TOPIC, "--cert", chain.toString(), "--key", key.toString(), "--ca", caPem.toString(),
                "--timeout", "10s", ReplayCommandTest.SAMPLES.resolve("pipes-event.json").toString());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).doesNotContain("\n", "\tat ")
                .startsWith("fanout: error: the TLS handshake with " + cluster.bootstrapServers() + " was refused");
    }

    @Test
    void publish_toAnUnknownTopic_failsInOneLine() {
        // when
        CommandRunner.Result result = publishTo("no-such-topic");

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("fanout: error: topic 'no-such-topic' does not exist on "
                + cluster.bootstrapServers());
    }

    @Test
    void publish_countsRecordsTheBrokerRefuses_andExitsOne() {
        // when: the topic takes record batches of at most 200 bytes; five of the event's six bundles are larger
        // (the fourth is a 30-byte malformed bundle)
        CommandRunner.Result result = publishTo(SMALL_TOPIC);

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("sent         6 records", "acknowledged 1");
        assertThat(result.err().strip()).doesNotContain("\n")
                .startsWith("fanout: error: 5 of 6 records were not acknowledged by " + cluster.bootstrapServers()
                        + "; first: ")
                .contains("larger than");
    }

    private CommandRunner.Result publishTo(String topic) {
        return CommandRunner.run("publish", "--bootstrap", cluster.bootstrapServers(), "--topic", topic, "--cert",
                clientChain.toString(), "--key", clientKey.toString(), "--key-password", "k3y", "--ca",
                caPem.toString(), "--timeout", "10s", ReplayCommandTest.SAMPLES.resolve("pipes-event.json").toString());
    }

    private static List<byte[]> replayedBundles(Path input) {
        List<byte[]> bundles = new ArrayList<>();
        try (FileBundleSource source = new FileBundleSource(List.of(input), new PipesEventDecoder())) {
            for (Optional<BundleEnvelope> next = source.next(); next.isPresent(); next = source.next()) {
                if (next.get() instanceof BundleEnvelope.RawBundle raw) {
                    bundles.add(raw.payload().bytes());
                }
            }
        }
        return bundles;
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clientConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static Properties clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, client.certificatePem());
        config.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, client.keyPem());
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
        config.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, ca.certificatePem());
        Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }
}
