package dev.fanout.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.fanout.ports.BundleEnvelope;
import dev.fanout.ports.BundleSource;
import dev.fanout.ports.Payload;
import dev.fanout.ports.Provenance;
import dev.fanout.ports.SourceProgress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BundleSource} must do. An adapter's test extends this class and says how to build a
 * source that yields given bundles (files holding them, a Pipes event carrying them, memory).
 */
public abstract class BundleSourceContract {

    /**
     * A source that yields exactly these bundles, in this order, each as a {@link BundleEnvelope.RawBundle}.
     * The bundles handed in are single-line, non-blank JSON texts, so any source format can carry them.
     */
    protected abstract BundleSource sourceOf(List<Payload> bundles) throws Exception;

    @Test
    void next_yieldsEveryBundleInOrder_thenStaysExhausted() throws Exception {
        // given
        List<Payload> bundles = bundles(25);
        try (BundleSource source = sourceOf(bundles)) {
            // when
            List<BundleEnvelope> yielded = drain(source);

            // then
            assertThat(yielded).allSatisfy(e -> assertThat(e).isInstanceOf(BundleEnvelope.RawBundle.class));
            assertThat(yielded).map(e -> ((BundleEnvelope.RawBundle) e).payload()).containsExactlyElementsOf(bundles);
            assertThat(source.next()).isEmpty();
            assertThat(source.next()).isEmpty();
        }
    }

    @Test
    void next_isEmptyAtOnce_whenThereAreNoBundles() throws Exception {
        // given
        try (BundleSource source = sourceOf(List.of())) {
            // when
            Optional<BundleEnvelope> first = source.next();

            // then
            assertThat(first).isEmpty();
            assertThat(source.next()).isEmpty();
        }
    }

    @Test
    void next_givesEveryBundleItsOwnProvenance() throws Exception {
        // given
        try (BundleSource source = sourceOf(bundles(12))) {
            // when
            List<BundleEnvelope> yielded = drain(source);

            // then
            Set<Provenance> distinct = new HashSet<>();
            yielded.forEach(e -> distinct.add(e.source()));
            assertThat(distinct).hasSize(12);
        }
    }

    @Test
    void next_yieldsLargeAndNonAsciiBundlesIntact() throws Exception {
        // given
        List<Payload> bundles = List.of(
                Payload.utf8("{\"resourceMetrics\":[],\"pad\":\"" + "é".repeat(2_000_000) + "\"}"),
                Payload.utf8("{\"name\":\"Ünïcødé 𝄞 ✓\",\"escaped\":\"a\\tb\\r\\nc\"}"),
                Payload.utf8("[]"));
        try (BundleSource source = sourceOf(bundles)) {
            // when
            List<BundleEnvelope> yielded = drain(source);

            // then
            assertThat(yielded).map(e -> ((BundleEnvelope.RawBundle) e).payload()).containsExactlyElementsOf(bundles);
        }
    }

    @Test
    void progress_startsAtZero_neverDecreases_andEndsAtTheTotal_whenTheTotalIsKnown() throws Exception {
        // given
        try (BundleSource source = sourceOf(bundles(40))) {
            SourceProgress before = source.progress();
            List<SourceProgress> seen = new ArrayList<>();
            seen.add(before);

            // when
            while (source.next().isPresent()) {
                seen.add(source.progress());
            }
            seen.add(source.progress());

            // then
            assertThat(before.bytesRead()).isZero();
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i).bytesRead()).isGreaterThanOrEqualTo(seen.get(i - 1).bytesRead());
                assertThat(seen.get(i).bytesTotal()).isEqualTo(before.bytesTotal());
            }
            SourceProgress last = seen.get(seen.size() - 1);
            if (last.totalKnown()) {
                assertThat(last.bytesRead()).isEqualTo(last.bytesTotal());
                assertThat(seen).allSatisfy(p -> assertThat(p.bytesRead()).isLessThanOrEqualTo(p.bytesTotal()));
            }
        }
    }

    @Test
    void skipped_isEmpty_whenEveryInputHeldBundles() throws Exception {
        // given
        try (BundleSource source = sourceOf(bundles(3))) {
            // when
            drain(source);

            // then
            assertThat(source.skipped()).isEmpty();
        }
    }

    @Test
    void close_isHarmless_midwayAndTwice() throws Exception {
        // given
        BundleSource source = sourceOf(bundles(10));
        source.next();

        // when / then
        assertThatCode(() -> {
            source.close();
            source.close();
        }).doesNotThrowAnyException();
    }

    /** Everything the source yields until it is exhausted. */
    protected static List<BundleEnvelope> drain(BundleSource source) {
        List<BundleEnvelope> yielded = new ArrayList<>();
        for (Optional<BundleEnvelope> next = source.next(); next.isPresent(); next = source.next()) {
            yielded.add(next.get());
        }
        return yielded;
    }

    /** {@code count} distinct single-line bundles. */
    protected static List<Payload> bundles(int count) {
        List<Payload> bundles = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            bundles.add(Payload.utf8("{\"resourceMetrics\":[{\"resource\":{},\"n\":" + n + ",\"pad\":\""
                    + "abc".repeat(n * 10) + "\"}]}"));
        }
        return bundles;
    }
}
