package dev.fanout.domain.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BundleIdTest {

    @Test
    void of_takesTheFirst24HexCharactersOfTheSha256_andRowIdAppendsTheOrdinal() throws Exception {
        // given
        byte[] raw = "{\"resourceMetrics\":[]}".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        String full = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        sha256.update((byte) 1); // left dirty on purpose: of() must reset it

        // when
        BundleId id = BundleId.of(raw, sha256);

        // then
        assertThat(id.hex()).isEqualTo(full.substring(0, 24));
        assertThat(id.rowId(0)).isEqualTo(full.substring(0, 24) + "00000000");
        assertThat(id.rowId(0x1a2b3)).isEqualTo(full.substring(0, 24) + "0001a2b3");
    }

    @Test
    void new_refusesAnythingButTwentyFourLowercaseHexCharacters() {
        // given / when / then
        assertThatThrownBy(() -> new BundleId("ABCDEF012345678901234567")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BundleId("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BundleId("abcdef01234567890123456g")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BundleId("abcdef0123456789012345670")).isInstanceOf(IllegalArgumentException.class);
    }
}
