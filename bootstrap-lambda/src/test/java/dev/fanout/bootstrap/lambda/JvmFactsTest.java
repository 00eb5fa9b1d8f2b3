package dev.fanout.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The init line's facts come from the running JVM, the compilation tier included. */
class JvmFactsTest {

    @Test
    void ofThisJvm_reportsTheTierThisJvmStopsAt_andItsHeapLimit() {
        // given
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        int expectedLevel = Boolean.parseBoolean(hotSpot.getVMOption("TieredCompilation").getValue())
                ? Integer.parseInt(hotSpot.getVMOption("TieredStopAtLevel").getValue()) : 4;

        // when
        JvmFacts facts = JvmFacts.ofThisJvm();

        // then
        assertThat(facts.tieredStopAtLevel()).hasValue(expectedLevel);
        assertThat(facts.maxHeapMb()).isEqualTo(Runtime.getRuntime().maxMemory() >> 20);
        assertThat(facts.processors()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void logFields_nameTheLevel_onlyWhenTheJvmTold() {
        // given
        JvmFacts told = new JvmFacts("21.0.9+10", OptionalInt.of(4), 870, 1);
        JvmFacts untold = new JvmFacts("21.0.9+10", OptionalInt.empty(), 870, 1);

        // when
        Map<String, Object> toldFields = told.logFields();
        Map<String, Object> untoldFields = untold.logFields();

        // then
        assertThat(toldFields).containsEntry("tieredStopAtLevel", 4L).containsEntry("java", "21.0.9+10")
                .containsEntry("maxHeapMb", 870L).containsEntry("processors", 1L);
        assertThat(untoldFields).doesNotContainKey("tieredStopAtLevel");
    }
}
