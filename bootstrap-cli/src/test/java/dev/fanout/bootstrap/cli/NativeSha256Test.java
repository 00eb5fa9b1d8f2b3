package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NativeSha256Test {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 55, 56, 63, 64, 65, 1000, 29_123, 1 << 20})
    void libcryptoDigest_equalsTheJdks_forWholeAndSplitInput(int length) throws Exception {
        // given
        Provider libcrypto = libcryptoOrSkip();
        byte[] input = new byte[length];
        new SplittableRandom(length).nextBytes(input);
        MessageDigest jdk = MessageDigest.getInstance("SHA-256", "SUN");
        MessageDigest ours = MessageDigest.getInstance("SHA-256", libcrypto);

        // when: once whole, once in uneven pieces with a single byte among them
        byte[] whole = ours.digest(input);
        int third = length / 3;
        ours.update(input, 0, third);
        if (length > third) {
            ours.update(input[third]);
            ours.update(input, third + 1, length - third - 1);
        }
        byte[] pieces = ours.digest();

        // then
        byte[] expected = jdk.digest(input);
        assertThat(whole).isEqualTo(expected);
        assertThat(pieces).isEqualTo(expected);
    }

    @Test
    void libcryptoDigest_resetsAfterDigest_clonesMidway_andWritesIntoAGivenBuffer() throws Exception {
        // given
        Provider libcrypto = libcryptoOrSkip();
        MessageDigest jdk = MessageDigest.getInstance("SHA-256", "SUN");
        MessageDigest ours = MessageDigest.getInstance("SHA-256", libcrypto);
        byte[] a = "first half, ".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second half".getBytes(StandardCharsets.US_ASCII);

        // when
        ours.update(a);
        MessageDigest copy = (MessageDigest) ours.clone();
        ours.update(b);
        byte[] out = new byte[40];
        int written = ours.digest(out, 4, 32);
        byte[] afterReset = ours.digest(b);
        copy.update(b);

        // then
        jdk.update(a);
        jdk.update(b);
        byte[] ab = jdk.digest();
        assertThat(written).isEqualTo(32);
        assertThat(Arrays.copyOfRange(out, 4, 36)).isEqualTo(ab);
        assertThat(copy.digest()).isEqualTo(ab);
        assertThat(afterReset).isEqualTo(jdk.digest(b));
        assertThat(ours.getDigestLength()).isEqualTo(32);
    }

    @Test
    void load_isOncePerProcess_andSaysWhichSha256IsInUse() {
        // when
        String first = NativeSha256.load(true);
        String again = NativeSha256.load(false);

        // then: the second call reports the first outcome instead of loading again
        assertThat(again).isEqualTo(first);
        assertThat(first).startsWith("SHA-256: ");
        if (Runtime.version().feature() >= 22 && first.contains("libcrypto")) {
            assertThat(first).contains("(OpenSSL)");
        } else {
            assertThat(first).contains("the JDK's (");
        }
    }

    @Test
    void digests_comeFromTheSha256TheLoadReports_andEqualTheJdks() throws Exception {
        // given
        byte[] input = "a bundle".getBytes(StandardCharsets.US_ASCII);

        // when
        MessageDigest digest = NativeSha256.digests(true).get();
        String status = NativeSha256.load(true);

        // then
        assertThat(digest.digest(input)).isEqualTo(MessageDigest.getInstance("SHA-256", "SUN").digest(input));
        assertThat(digest.getProvider().getName()).isEqualTo(status.contains("(OpenSSL)") ? "FanoutLibcrypto" : "SUN");
    }

    @Test
    void provider_onJava21_explainsThatLibcryptoNeedsJava22() {
        assumeTrue(Runtime.version().feature() < 22, "only on Java 21");

        // when / then
        assertThatThrownBy(NativeSha256::provider)
                .isInstanceOf(NativeSha256.UnavailableException.class)
                .hasMessageContaining("needs Java 22+");
    }

    /** The provider on Java 22+ where libcrypto loads; elsewhere the test is skipped, saying why. */
    private static Provider libcryptoOrSkip() {
        try {
            return NativeSha256.provider();
        } catch (NativeSha256.UnavailableException e) {
            assumeTrue(false, "libcrypto SHA-256 unavailable here: " + e.getMessage());
            throw new AssertionError(e);
        }
    }
}
