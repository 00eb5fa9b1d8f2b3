package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Stack;

/**
 * Every IAM statement of every stack names its actions exactly (no {@code *}, no {@code service:*}, no
 * {@code Get*}), and uses the resource {@code *} only for actions that IAM cannot scope to a resource.
 */
class LeastPrivilegeTest {

    /** Actions without resource-level permissions: {@code *} is their narrowest resource. */
    static final Set<String> UNSCOPABLE = Set.of("cloudwatch:PutMetricData", "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs");

    static List<SynthesizedApp> variants() {
        return List.of(SynthesizedApp.standard(), SynthesizedApp.simplePath());
    }

    @ParameterizedTest
    @MethodSource("variants")
    void noStatement_allowsAWildcardAction(SynthesizedApp app) {
        // when
        List<Map<?, ?>> statements = identityStatements(app);

        // then
        assertThat(statements).isNotEmpty().allSatisfy(statement ->
                assertThat(list(statement.get("Action"))).allSatisfy(action ->
                        assertThat(action.toString()).doesNotContain("*")));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void theResourceStar_appearsOnlyWithActionsThatCannotBeScoped(SynthesizedApp app) {
        // when
        List<Map<?, ?>> withStar = identityStatements(app).stream()
                .filter(statement -> list(statement.get("Resource")).contains("*")).toList();

        // then
        assertThat(withStar).isNotEmpty().allSatisfy(statement ->
                assertThat(list(statement.get("Action"))).allSatisfy(action ->
                        assertThat(UNSCOPABLE).contains(action.toString())));
        assertThat(withStar).filteredOn(statement -> list(statement.get("Action")).contains("cloudwatch:PutMetricData"))
                .allSatisfy(statement -> assertThat(statement.get("Condition")).isEqualTo(
                        Map.of("StringEquals", Map.of("cloudwatch:namespace", "Fanout"))));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void noRoleUsesAManagedPolicy_soEveryPermissionIsInThisApp(SynthesizedApp app) {
        for (Stack stack : app.stacks()) {
            // when
            Map<String, Map<String, Object>> roles = app.template(stack).findResources("AWS::IAM::Role");

            // then
            assertThat(roles.values()).allSatisfy(role ->
                    assertThat(((Map<?, ?>) role.get("Properties")).containsKey("ManagedPolicyArns")).isFalse());
        }
    }

    /** Statements of identity policies (IAM policies and roles' inline policies) of every stack. */
    private static List<Map<?, ?>> identityStatements(SynthesizedApp app) {
        List<Map<?, ?>> statements = new ArrayList<>();
        for (Stack stack : app.stacks()) {
            for (Map<String, Object> policy : app.template(stack).findResources("AWS::IAM::Policy").values()) {
                Map<?, ?> document = (Map<?, ?>) ((Map<?, ?>) policy.get("Properties")).get("PolicyDocument");
                for (Object statement : (List<?>) document.get("Statement")) {
                    statements.add((Map<?, ?>) statement);
                }
            }
        }
        return statements;
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> values ? List.copyOf(values) : List.of(value);
    }
}
