package dev.fanout.domain.service;

import dev.fanout.domain.testing.CorpusFiles;
import dev.fanout.ports.BundleEnvelope;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed corpus of {@link BundleFanOutFuzzTest} beyond its inputs directory: every bundle of the conformance
 * corpus (20 files and the LMDP edge corpus) under each configuration the fuzzer cycles through, checked with
 * the same invariants. Where {@code ConformanceTest} compares with the reference's output for one
 * configuration, this holds for the tight limits and the other profile too.
 */
class ConformanceInvariantsTest {

    static Stream<Arguments> corpusUnderEveryConfiguration() {
        return ConformanceTest.inputs().stream().flatMap(resource -> IntStream
                .range(0, BundleFanOutFuzzTest.SETTINGS.size()).mapToObj(variant -> Arguments.of(resource, variant)));
    }

    @ParameterizedTest(name = "{0} under configuration {1}")
    @MethodSource("corpusUnderEveryConfiguration")
    void fanOut_keepsTheSpecsPromises_forEveryConformanceBundle(String resource, int variant) {
        // given
        var bundles = CorpusFiles.bundles(resource);

        // when / then
        for (BundleEnvelope bundle : bundles) {
            BundleFanOutFuzzTest.fanOutAndCheck(variant, ((BundleEnvelope.RawBundle) bundle).payload().bytes());
        }
    }
}
