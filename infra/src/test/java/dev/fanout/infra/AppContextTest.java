package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.infra.config.InvalidContextException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The app refuses to synthesize without a required context key, and names it. */
class AppContextTest {

    @ParameterizedTest
    @ValueSource(strings = {"mskClusterArn", "topic", "mtlsSecretArn"})
    void create_refusesToSynthesize_whenARequiredKeyIsMissing_andNamesIt(String missing) {
        // given
        Map<String, Object> context = new HashMap<>(SynthesizedApp.requiredContext());
        context.remove(missing);
        context.put("lambdaJar", SynthesizedApp.standInJar().toString()); // so only the missing key can fail

        // when / then
        assertThatThrownBy(() -> FanoutApp.create(context, Path.of("target", "synth", "refused").toString()))
                .isInstanceOfSatisfying(InvalidContextException.class, e -> {
                    assertThat(e.key()).isEqualTo(missing);
                    assertThat(e.getMessage()).startsWith("context key '" + missing + "': required");
                });
    }

    @Test
    void create_refusesToSynthesize_whenTheLambdaJarIsMissing_andSaysHowToBuildIt() {
        // given
        Map<String, Object> context = new HashMap<>(SynthesizedApp.requiredContext());
        context.put("lambdaJar", Path.of("target", "no-such.jar").toString());

        // when / then
        assertThatThrownBy(() -> FanoutApp.create(context, Path.of("target", "synth", "refused").toString()))
                .isInstanceOf(InvalidContextException.class)
                .hasMessageContaining("context key 'lambdaJar'")
                .hasMessageContaining("no-such.jar")
                .hasMessageContaining("./mvnw -B -ntp -DskipTests package");
    }
}
