package dev.fanout.bootstrap.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** {@code fanout check-secret} on secrets made at test time, one per finding, from a file and from Secrets Manager. */
class CheckSecretCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CliEnvironment AWS = new CliEnvironment(Optional.of("eu-west-1"), ProgressMode.NEVER,
            () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")), true);

    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static TestPki.Issued client;

    @TempDir
    Path temp;

    private WireMockServer secretsManager;

    @BeforeAll
    static void makeThePki() {
        root = TestPki.ca("CN=Test Root");
        Instant now = Instant.now();
        intermediate = TestPki.issue(root, "CN=Test Intermediate", true, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(300)), List.of());
        client = TestPki.issue(intermediate, "CN=lmdp-client", List.of());
    }

    @AfterEach
    void stopTheFake() {
        if (secretsManager != null) {
            secretsManager.stop();
        }
    }

    @Test
    void checkSecret_acceptsALeafFirstChain_withItsKeyUnencryptedOrEncryptedWithPbes1() throws IOException {
        // given
        Path plain = secret(chain(client, intermediate, root), client.keyPem(), null);
        Path pbes1 = secret(chain(client, intermediate, root), client.pbes1KeyPem("s3cret"), "s3cret");

        // when
        CommandRunner.Result plainResult = CommandRunner.run("check-secret", "--file", plain.toString());
        CommandRunner.Result pbes1Result = CommandRunner.run("check-secret", "--file", pbes1.toString());

        // then
        assertThat(plainResult.exitCode()).as(plainResult.out()).isZero();
        assertThat(plainResult.out()).doesNotContain("ERROR", "WARNING")
                .contains("valid: ", "chain of 3 certificates", "CN=lmdp-client", "PKCS#8, unencrypted");
        assertThat(pbes1Result.exitCode()).as(pbes1Result.out()).isZero();
        assertThat(pbes1Result.out()).doesNotContain("ERROR").contains("PBEWithSHA1AndDESede");
    }

    @Test
    void checkSecret_rejectsAPbes2Key_withTheReasonAndTheOpensslCommandThatFixesIt() throws IOException {
        // given
        Path secret = secret(chain(client, intermediate, root), client.pbes2KeyPem("s3cret"), "s3cret");

        // when
        CommandRunner.Result result = CommandRunner.run("check-secret", "--file", secret.toString());

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(errorLines(result)).singleElement().asString()
                .contains("PBES2", "1.2.840.113549.1.5.13", "openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES");
    }

    @Test
    void checkSecret_rejectsAChainInTheWrongOrder_andAKeyThatIsNotTheLeafs() throws IOException {
        // given
        Path reversed = secret(chain(root, intermediate, client), client.keyPem(), null);
        Path otherKey = secret(chain(client, intermediate, root), TestPki.issue(root, "CN=other", List.of()).keyPem(),
                null);

        // when
        CommandRunner.Result reversedResult = CommandRunner.run("check-secret", "--file", reversed.toString());
        CommandRunner.Result otherKeyResult = CommandRunner.run("check-secret", "--file", otherKey.toString());

        // then
        assertThat(reversedResult.exitCode()).isEqualTo(1);
        assertThat(errorLines(reversedResult)).anySatisfy(line -> assertThat(line)
                .contains("certificate 1 (CN=Test Root) is not issued by certificate 2"));
        assertThat(errorLines(reversedResult)).anySatisfy(line -> assertThat(line).contains("reverse order"));
        assertThat(otherKeyResult.exitCode()).isEqualTo(1);
        assertThat(errorLines(otherKeyResult)).singleElement().asString()
                .contains("privateKey does not belong to the first certificate (CN=lmdp-client)");
    }

    @Test
    void checkSecret_rejectsAnExpiredCertificate_andWarnsAboutOneExpiringWithin30Days() throws IOException {
        // given
        Instant now = Instant.now();
        TestPki.Issued expired = TestPki.issue(intermediate, "CN=expired", false, now.minus(Duration.ofDays(400)),
                now.minus(Duration.ofDays(2)), List.of());
        TestPki.Issued expiring = TestPki.issue(intermediate, "CN=expiring", false, now.minus(Duration.ofDays(300)),
                now.plus(Duration.ofDays(10)).plus(Duration.ofHours(1)), List.of());
        Path expiredSecret = secret(chain(expired, intermediate, root), expired.keyPem(), null);
        Path expiringSecret = secret(chain(expiring, intermediate, root), expiring.keyPem(), null);

        // when
        CommandRunner.Result expiredResult = CommandRunner.run("check-secret", "--file", expiredSecret.toString());
        CommandRunner.Result expiringResult = CommandRunner.run("check-secret", "--file", expiringSecret.toString());

        // then
        assertThat(expiredResult.exitCode()).isEqualTo(1);
        assertThat(errorLines(expiredResult)).singleElement().asString().contains("CN=expired", "expired on");
        assertThat(expiringResult.exitCode()).isZero();
        assertThat(lines(expiringResult)).filteredOn(line -> line.startsWith("WARNING")).singleElement().asString()
                .contains("CN=expiring", "in 10 days");
    }

    @Test
    void checkSecret_rejectsAWrongPassword_aMissingKey_anOversizedSecret_andAPkcs1Key() throws IOException {
        // given
        Path wrongPassword = secret(chain(client, intermediate, root), client.pbes1KeyPem("s3cret"), "guess");
        Path noKey = Files.writeString(temp.resolve("nokey.json"),
                JSON.writeValueAsString(JSON.createObjectNode().put("certificate", chain(client, intermediate, root))));
        Path oversized = secret(chain(client, intermediate, root) + "x".repeat(70_000), client.keyPem(), null);
        Path pkcs1 = secret(chain(client, intermediate, root),
                client.keyPem().replace("PRIVATE KEY", "EC PRIVATE KEY"), null);

        // when
        CommandRunner.Result wrong = CommandRunner.run("check-secret", "--file", wrongPassword.toString());
        CommandRunner.Result missing = CommandRunner.run("check-secret", "--file", noKey.toString());
        CommandRunner.Result big = CommandRunner.run("check-secret", "--file", oversized.toString());
        CommandRunner.Result legacy = CommandRunner.run("check-secret", "--file", pkcs1.toString());

        // then
        assertThat(errorLines(wrong)).singleElement().asString().contains("privateKeyPassword does not decrypt");
        assertThat(errorLines(missing)).singleElement().asString().contains("no \"privateKey\" key");
        assertThat(errorLines(big)).singleElement().asString().contains("at most 65,536");
        assertThat(errorLines(legacy)).singleElement().asString().contains("not PKCS#8", "openssl pkcs8 -topk8");
        assertThat(List.of(wrong, missing, big, legacy)).allSatisfy(r -> assertThat(r.exitCode()).isEqualTo(1));
    }

    @Test
    void checkSecret_readsTheSecretFromSecretsManager_throughTheSdk() throws IOException {
        // given
        String value = Files.readString(secret(chain(client, intermediate, root), client.keyPem(), null));
        secretsManager = new WireMockServer(options().dynamicPort());
        secretsManager.start();
        secretsManager.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(containing("arn:aws:secretsmanager:eu-west-1:123456789012:secret:pipe-mtls"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(JSON.writeValueAsString(JSON.createObjectNode()
                                .put("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:pipe-mtls")
                                .put("Name", "pipe-mtls").put("SecretString", value).put("VersionId", "v1")))));
        secretsManager.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(containing("missing"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find"
                                + " the specified secret.\"}")));

        // when
        CommandRunner.Result found = CommandRunner.runIn(AWS, "check-secret", "--secret-id",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:pipe-mtls", "--endpoint-url",
                secretsManager.baseUrl());
        CommandRunner.Result missing = CommandRunner.runIn(AWS, "check-secret", "--secret-id", "missing",
                "--endpoint-url", secretsManager.baseUrl());

        // then
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).contains("valid: arn:aws:secretsmanager");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).doesNotContain("\n")
                .isEqualTo("fanout: error: cannot read secret missing: it does not exist in region eu-west-1"
                        + " (check the ARN and --region)");
    }

    @Test
    void checkSecret_refusesToGuessWhichSecret_withOneUsageLine() {
        // when
        CommandRunner.Result none = CommandRunner.run("check-secret");
        CommandRunner.Result both = CommandRunner.run("check-secret", "--file", "a.json", "--secret-id", "x");

        // then
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).doesNotContain("\n")
                .isEqualTo("fanout check-secret: name the secret: --file SECRET.json or --secret-id ARN (one of them)"
                        + " (see fanout check-secret --help)");
        assertThat(both.exitCode()).isEqualTo(2);
    }

    private Path secret(String certificate, String privateKey, String password) throws IOException {
        ObjectNode secret = JSON.createObjectNode().put("certificate", certificate).put("privateKey", privateKey);
        if (password != null) {
            secret.put("privateKeyPassword", password);
        }
        return Files.writeString(Files.createTempFile(temp, "secret", ".json"), JSON.writeValueAsString(secret));
    }

    private static String chain(TestPki.Issued... certificates) {
        StringBuilder pem = new StringBuilder();
        for (TestPki.Issued issued : certificates) {
            pem.append(issued.certificatePem());
        }
        return pem.toString();
    }

    private static List<String> lines(CommandRunner.Result result) {
        return Arrays.asList(result.out().split("\\R"));
    }

    private static List<String> errorLines(CommandRunner.Result result) {
        return lines(result).stream().filter(line -> line.startsWith("ERROR")).toList();
    }
}
