package dev.fanout.bootstrap.lambda;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * What the function's JVM actually runs with, for its init log line. The deployment asks for C2 through
 * {@code JAVA_TOOL_OPTIONS} ({@code lambdaJit=c2}); whether the runtime honours that, or its level-1 default wins,
 * is only visible from inside the JVM, and decides whether a 6 MB batch takes ~40 or ~110 ms of CPU.
 *
 * @param javaVersion       the running JVM's version
 * @param tieredStopAtLevel the highest compilation tier (1: C1 only; 4: C2), if the JVM tells
 * @param maxHeapMb         the heap limit the runtime gave the JVM
 * @param processors        the processors the JVM sees
 */
record JvmFacts(String javaVersion, OptionalInt tieredStopAtLevel, long maxHeapMb, int processors) {

    /** The facts of this JVM. Reading the compiler flag loads the management classes: tens of ms, off the hot path. */
    static JvmFacts ofThisJvm() {
        Runtime runtime = Runtime.getRuntime();
        return new JvmFacts(Runtime.version().toString(), readTieredStopAtLevel(), runtime.maxMemory() >> 20,
                runtime.availableProcessors());
    }

    /**
     * The facts of this JVM, read on a thread of their own: the management classes cost tens of milliseconds,
     * which init spends beside its other work instead of before it.
     */
    static CompletableFuture<JvmFacts> readBeside() {
        CompletableFuture<JvmFacts> facts = new CompletableFuture<>();
        Thread reader = new Thread(() -> facts.complete(ofThisJvm()), "fanout-jvm-facts");
        reader.setDaemon(true);
        reader.start();
        return facts;
    }

    /** The facts as log fields (numbers as {@code long}, which {@link JsonLog} writes as JSON numbers). */
    Map<String, Object> logFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("java", javaVersion);
        if (tieredStopAtLevel.isPresent()) {
            fields.put("tieredStopAtLevel", (long) tieredStopAtLevel.getAsInt());
        }
        fields.put("maxHeapMb", maxHeapMb);
        fields.put("processors", (long) processors);
        return fields;
    }

    private static OptionalInt readTieredStopAtLevel() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            boolean tiered = Boolean.parseBoolean(hotSpot.getVMOption("TieredCompilation").getValue());
            // Without tiered compilation a HotSpot JVM compiles with C2 only: the highest tier.
            return OptionalInt.of(tiered ? Integer.parseInt(hotSpot.getVMOption("TieredStopAtLevel").getValue()) : 4);
        } catch (RuntimeException | LinkageError notHotSpot) {
            // Another JVM, or one without the management module: the line goes out without the level.
            return OptionalInt.empty();
        }
    }
}
