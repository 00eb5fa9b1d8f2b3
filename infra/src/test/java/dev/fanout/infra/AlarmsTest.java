package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Alarms to an encrypted SNS topic, e-mailed; the Lambda's own metrics as CONTRACTS names them; a budget. */
class AlarmsTest {

    private final SynthesizedApp app = SynthesizedApp.standard();
    private final Template template = app.template(app.deployment.pipeline());

    @Test
    void deadLettersAndUnwrittenRows_alarmOnAnyInFiveMinutes_fromTheFanoutNamespaceWithoutDimensions() {
        // given
        Capture topic = new Capture();

        for (String metric : List.of("DeadLetters", "UnwrittenRows", "UnwrittenDeadLetters")) {
            // when / then
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "Fanout", "MetricName", metric, "Statistic", "Sum", "Period", 300,
                    "Dimensions", Match.absent(), "Threshold", 0,
                    "ComparisonOperator", "GreaterThanThreshold", "EvaluationPeriods", 1,
                    "TreatMissingData", "notBreaching",
                    "AlarmActions", List.of(Map.of("Ref", topic))));
        }
        assertThat(template.findResources("AWS::SNS::Topic")).containsOnlyKeys(topic.asString());
    }

    @Test
    void thePipeTheFunctionAndFirehose_eachHaveTheirAlarms() {
        // when
        Map<String, Map<String, Object>> alarms = template.findResources("AWS::CloudWatch::Alarm");

        // then
        assertThat(alarms).hasSize(10);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/EventBridge/Pipes",
                "MetricName", "ExecutionFailed", "Dimensions", List.of(Map.of("Name", "PipeName",
                        "Value", Map.of("Ref", Match.stringLikeRegexp("Pipe"))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Lambda",
                "MetricName", "Errors", "Threshold", 0));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Lambda",
                "MetricName", "Throttles"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Lambda",
                "MetricName", "Duration", "Statistic", "Maximum",
                "Threshold", SynthesizedApp.TIMEOUT_SECONDS * 1000 * 0.8));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Firehose",
                "MetricName", "DeliveryToS3.Success", "Statistic", "Minimum", "Threshold", 1,
                "ComparisonOperator", "LessThanThreshold"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/Firehose",
                "MetricName", "DeliveryToS3.DataFreshness", "Statistic", "Maximum", "Threshold", 900));
    }

    @Test
    void theTopic_isEncrypted_refusesPlainHttp_andEmailsTheOnCall() {
        // when / then
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Match.anyValue()));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                "Endpoint", SynthesizedApp.ALARM_EMAIL));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey"))))))));
    }

    @Test
    void theMonthlyBudget_warnsByEmail_atEightyPercentActualAndAHundredPercentForecast() {
        // when / then
        template.hasResourceProperties("AWS::Budgets::Budget", Map.of(
                "Budget", Match.objectLike(Map.of("BudgetType", "COST", "TimeUnit", "MONTHLY",
                        "BudgetLimit", Map.of("Amount", 150, "Unit", "USD"),
                        "CostFilters", Map.of("TagKeyValue", List.of("user:fanout-deployment$Fanout")))),
                "NotificationsWithSubscribers", List.of(
                        Map.of("Notification", Map.of("NotificationType", "ACTUAL", "ComparisonOperator", "GREATER_THAN",
                                "Threshold", 80, "ThresholdType", "PERCENTAGE"),
                                "Subscribers", List.of(Map.of("SubscriptionType", "EMAIL", "Address", SynthesizedApp.ALARM_EMAIL))),
                        Map.of("Notification", Map.of("NotificationType", "FORECASTED", "ComparisonOperator", "GREATER_THAN",
                                "Threshold", 100, "ThresholdType", "PERCENTAGE"),
                                "Subscribers", List.of(Map.of("SubscriptionType", "EMAIL", "Address", SynthesizedApp.ALARM_EMAIL))))));
    }
}
