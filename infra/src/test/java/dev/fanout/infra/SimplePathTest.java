package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** simplePath=true: the function enriches each batch into rows and the pipe delivers them to Firehose. */
class SimplePathTest {

    private final SynthesizedApp app = SynthesizedApp.simplePath();
    private final Template template = app.template(app.deployment.pipeline());

    @Test
    void thePipe_enrichesWithTheAlias_andTargetsTheFirehoseStream() {
        // given
        String alias = template.findResources("AWS::Lambda::Alias").keySet().iterator().next();
        String stream = template.findResources("AWS::KinesisFirehose::DeliveryStream").keySet().iterator().next();

        // when / then
        template.hasResourceProperties("AWS::Pipes::Pipe", Map.of(
                "Enrichment", Map.of("Ref", alias),
                "Target", Map.of("Fn::GetAtt", List.of(stream, "Arn")),
                "TargetParameters", Match.absent()));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.fanout.bootstrap.lambda.PipeEnrichmentHandler::handleRequest",
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void thePipesRole_mayPutOnlyToThatStream_andInvokeOnlyTheAlias() {
        // given
        String alias = template.findResources("AWS::Lambda::Alias").keySet().iterator().next();
        String stream = template.findResources("AWS::KinesisFirehose::DeliveryStream").keySet().iterator().next();

        // when / then
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(
                        Map.of("Sid", "InvokeTheFanOutFunction", "Effect", "Allow", "Action", "lambda:InvokeFunction",
                                "Resource", Map.of("Ref", alias)),
                        Map.of("Sid", "DeliverRowsToFirehose", "Effect", "Allow", "Action", "firehose:PutRecordBatch",
                                "Resource", Map.of("Fn::GetAtt", List.of(stream, "Arn"))))))));
    }

    @Test
    void withoutOptions_theDefaultsApply_andNothingOptionalIsBuilt() {
        // when / then
        template.hasResourceProperties("AWS::Pipes::Pipe", Map.of("SourceParameters", Map.of(
                "ManagedStreamingKafkaParameters", Match.objectLike(Map.of("BatchSize", 100,
                        "MaximumBatchingWindowInSeconds", 10, "ConsumerGroupID", "fanout-lmdp")))));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("MemorySize", 1024, "Timeout", 120,
                "ReservedConcurrentExecutions", Match.absent()));
        template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
        template.resourceCountIs("AWS::SNS::Subscription", 0);
        template.resourceCountIs("AWS::Budgets::Budget", 0);
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        assertThat(functions.values().iterator().next().toString()).doesNotContain("FANOUT_ORG_ID")
                .doesNotContain("FANOUT_ORG_KEY");
        app.template(app.deployment.storage()).hasResourceProperties("AWS::S3::Bucket", Map.of(
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Id", "rows", "ExpirationInDays", 365)))))));
    }
}
