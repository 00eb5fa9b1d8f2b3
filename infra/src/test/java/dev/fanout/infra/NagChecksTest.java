package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/**
 * cdk-nag's AwsSolutions rules run in the normal synth: no finding is left unsuppressed, every suppression
 * names its rule and resource and gives a reason, and a report per stack is written beside the templates.
 */
class NagChecksTest {

    static List<SynthesizedApp> variants() {
        return List.of(SynthesizedApp.standard(), SynthesizedApp.simplePath());
    }

    @ParameterizedTest
    @MethodSource("variants")
    void synth_leavesNoUnsuppressedNagErrorOrWarning_norAnyOtherWarning(SynthesizedApp app) {
        // given
        List<String> findings = new ArrayList<>();

        // when
        for (Stack stack : app.stacks()) {
            for (SynthesisMessage message : app.artifact(stack).getMessages()) {
                if (message.getLevel() == SynthesisMessageLevel.ERROR
                        || message.getLevel() == SynthesisMessageLevel.WARNING) {
                    findings.add(message.getId() + " " + message.getEntry().getData());
                }
            }
        }

        // then
        assertThat(findings).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void synth_writesOneNagReportPerStack_withNoNonCompliantLine(SynthesizedApp app) throws IOException {
        for (Stack stack : app.stacks()) {
            // given
            Path report = app.outdir.resolve("AwsSolutions-" + stack.getStackName() + "-NagReport.csv");

            // when
            List<NagReportLine> lines = NagReportLine.read(report);

            // then (no AwsSolutions rule looks at Glue or Athena resources: the catalog's report has no lines)
            assertThat(report).exists();
            assertThat(lines).as(report.toString()).noneMatch(line -> line.compliance().equals("Non-Compliant"));
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everySuppression_namesItsRuleAndResource_andGivesAReason(SynthesizedApp app) throws IOException {
        // given
        List<NagReportLine> suppressed = new ArrayList<>();

        // when
        for (Stack stack : app.stacks()) {
            NagReportLine.read(app.outdir.resolve("AwsSolutions-" + stack.getStackName() + "-NagReport.csv"))
                    .stream().filter(line -> line.compliance().equals("Suppressed")).forEach(suppressed::add);
        }

        // then
        assertThat(suppressed).isNotEmpty().allSatisfy(line -> {
            assertThat(line.rule()).startsWith("AwsSolutions-");
            assertThat(line.resource()).matches("Fanout(Storage|Catalog|Pipeline)/.+/Resource");
            assertThat(line.reason()).as(line.toString()).hasSizeGreaterThan(60);
        });
        // Only the rules the product cannot satisfy by design are suppressed: wildcards IAM cannot narrow, and
        // the runtime the Lambda artifact is built for.
        assertThat(suppressed).extracting(NagReportLine::rule).containsOnly("AwsSolutions-IAM5", "AwsSolutions-L1");
    }

    @ParameterizedTest
    @MethodSource("variants")
    void theRulesRanOnTheProductsResources(SynthesizedApp app) throws IOException {
        // when
        List<NagReportLine> storage = NagReportLine.read(app.outdir.resolve(
                "AwsSolutions-" + app.deployment.storage().getStackName() + "-NagReport.csv"));
        List<NagReportLine> pipeline = NagReportLine.read(app.outdir.resolve(
                "AwsSolutions-" + app.deployment.pipeline().getStackName() + "-NagReport.csv"));

        // then: the bucket rules found both buckets compliant, the Firehose and KMS rules the stream and keys
        assertThat(storage).filteredOn(line -> line.compliance().equals("Compliant"))
                .extracting(NagReportLine::rule)
                .contains("AwsSolutions-S1", "AwsSolutions-S2", "AwsSolutions-S10", "AwsSolutions-KMS5");
        assertThat(storage).filteredOn(line -> line.rule().equals("AwsSolutions-S10"))
                .extracting(NagReportLine::resource)
                .anyMatch(r -> r.contains("/AccessLogs/")).anyMatch(r -> r.contains("/Data/"));
        assertThat(pipeline).filteredOn(line -> line.compliance().equals("Compliant"))
                .extracting(NagReportLine::rule)
                .contains("AwsSolutions-KDF1", "AwsSolutions-KMS5", "AwsSolutions-SNS3", "AwsSolutions-IAM4");
        assertThat(Files.list(app.outdir).map(p -> p.getFileName().toString())
                .filter(name -> name.endsWith("-NagReport.csv")).count()).isEqualTo(app.stacks().size());
    }
}
