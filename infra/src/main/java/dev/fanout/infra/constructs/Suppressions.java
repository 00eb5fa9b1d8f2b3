package dev.fanout.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions, each for one rule on one resource with the reason a reviewer would accept. An IAM5
 * (wildcard) suppression names the exact wildcards it allows ({@code appliesTo}), each with its own reason; any
 * other wildcard on the same resource is still reported.
 */
final class Suppressions {

    private Suppressions() {
    }

    static void suppress(IConstruct resource, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(resource,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }

    /** The IAM5 suppression of {@code resource}: one per resource, listing every wildcard it allows and why. */
    static void allowWildcards(IConstruct resource, Wildcard... wildcards) {
        String reason = List.of(wildcards).stream().map(w -> w.shown() + ": " + w.reason())
                .collect(Collectors.joining(" "));
        List<Object> appliesTo = List.of(wildcards).stream().map(Wildcard::appliesTo).toList();
        NagSuppressions.addResourceSuppressions(resource, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5").reason(reason).appliesTo(appliesTo).build()), true);
    }

    /**
     * One allowed wildcard.
     *
     * @param shown     how the reason names it
     * @param appliesTo what cdk-nag matches: a literal finding or a {@link RegexAppliesTo}
     * @param reason    why it cannot be narrower
     */
    record Wildcard(String shown, Object appliesTo, String reason) {

        Wildcard {
            Objects.requireNonNull(shown, "shown");
            Objects.requireNonNull(appliesTo, "appliesTo");
            Objects.requireNonNull(reason, "reason");
        }

        /** A wildcard resource of this app ending in {@code ending}, e.g. {@code /dead-letters/*}. */
        static Wildcard resourceEndingWith(String ending, String reason) {
            return new Wildcard("<resource>" + ending,
                    RegexAppliesTo.builder().regex("/^Resource::.+" + escape(ending) + "$/").build(), reason);
        }

        /** The resource {@code *}, for actions IAM cannot scope to a resource. */
        static Wildcard anyResource(String reason) {
            return new Wildcard("Resource *", "Resource::*", reason);
        }
    }

    private static String escape(String literal) {
        StringBuilder escaped = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\^$.|?*+()[]{}/".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
