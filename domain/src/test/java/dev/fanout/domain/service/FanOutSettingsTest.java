package dev.fanout.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FanOutSettingsTest {

    @Test
    void defaults_areTheSpecDefaults() {
        // given / when
        FanOutSettings settings = FanOutSettings.defaults();

        // then
        assertThat(settings.orgId()).isEmpty();
        assertThat(settings.orgKey()).isEmpty();
        assertThat(settings.profile()).isEqualTo(Profile.LMDP);
        assertThat(settings.limits()).isEqualTo(new FanOutSettings.Limits(8L << 20, 64, 200_000, 1 << 20, 1_024_000));
    }

    @Test
    void new_refusesEmptyOrgIdsAndKeys_andNonPositiveLimits() {
        // given / when / then
        assertThatThrownBy(() -> FanOutSettings.defaults().withOrgId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FanOutSettings.defaults().withOrgKey("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FanOutSettings(null, Optional.empty(), Profile.LMDP,
                FanOutSettings.Limits.defaults())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FanOutSettings.Limits(0, 64, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FanOutSettings.Limits(1, 64, 1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplaySettings(Duration.ZERO, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplaySettings(Duration.ofSeconds(1), 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromName_readsTheProfileNamesInAnyCase() {
        // given / when / then
        assertThat(Profile.fromName("lmdp")).isEqualTo(Profile.LMDP);
        assertThat(Profile.fromName("OTEL")).isEqualTo(Profile.OTEL);
        assertThatThrownBy(() -> Profile.fromName("prometheus")).hasMessageContaining("lmdp or otel");
    }
}
