package dev.fanout.infra.constructs;

import dev.fanout.infra.config.DeploymentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Alarms on everything that means rows are late, lost or refused, sent to one SNS topic (e-mailed to
 * {@code alarmEmail} when given), and an optional monthly budget. Every alarm looks at 5-minute periods and
 * treats missing data as fine: no traffic is not an incident.
 */
public final class Alarms extends Construct {

    /** The tag every resource of a deployment carries, with the stack prefix as its value; the budget filters on it. */
    public static final String DEPLOYMENT_TAG = "fanout-deployment";

    static final Duration PERIOD = Duration.minutes(5);
    /** Duration alarm: the function used this share of its timeout. */
    static final double NEAR_TIMEOUT = 0.8;

    private final Topic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    public Alarms(Construct scope, String id, DeploymentConfig config, Function function, String streamName,
            String pipeName) {
        super(scope, id);
        String account = Stack.of(this).getAccount();
        Key key = Key.Builder.create(this, "TopicKey")
                .description("Fanout: encrypts the alarm topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // CloudWatch publishes to an encrypted topic only when the key lets it.
        key.addToResourcePolicy(PolicyStatement.Builder.create().sid("CloudWatchAlarmsPublish").effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", account)))
                .build());
        topic = Topic.Builder.create(this, "Topic")
                .displayName("Fanout alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        config.alarmEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));

        String pipes = "AWS/EventBridge/Pipes";
        Map<String, String> pipe = Map.of("PipeName", pipeName);
        add("PipeExecutionFailed", "Pipe executions failed: Pipes retries the whole batch, so the partition waits",
                metric(pipes, "ExecutionFailed", "Sum", pipe), 0, ComparisonOperator.GREATER_THAN_THRESHOLD);
        add("PipeExecutionThrottled", "Pipe executions were throttled: rows arrive late",
                metric(pipes, "ExecutionThrottled", "Sum", pipe), 0, ComparisonOperator.GREATER_THAN_THRESHOLD);
        add("LambdaErrors", "The fan-out function failed invocations (the pipe retries them)",
                function.metricErrors(options("Sum")), 0, ComparisonOperator.GREATER_THAN_THRESHOLD);
        add("LambdaThrottles", "The fan-out function was throttled",
                function.metricThrottles(options("Sum")), 0, ComparisonOperator.GREATER_THAN_THRESHOLD);
        add("LambdaDurationNearTimeout", "An invocation used more than 80 % of the function's timeout",
                function.metricDuration(options("Maximum")), config.lambda().timeoutSeconds() * 1000 * NEAR_TIMEOUT,
                ComparisonOperator.GREATER_THAN_THRESHOLD);
        add("DeadLetters", "Dead letters were written: some input was rejected (see dead-letters/reason=…/)",
                fanout("DeadLetters"), 0, ComparisonOperator.GREATER_THAN_THRESHOLD);
        add("UnwrittenRows", "Rows could not be written to Firehose (the batch fails and is retried)",
                fanout("UnwrittenRows"), 0, ComparisonOperator.GREATER_THAN_THRESHOLD);
        add("UnwrittenDeadLetters", "Dead letters could not be written to S3 (the batch fails and is retried)",
                fanout("UnwrittenDeadLetters"), 0, ComparisonOperator.GREATER_THAN_THRESHOLD);
        Map<String, String> stream = Map.of("DeliveryStreamName", streamName);
        add("FirehoseDeliveryToS3Failed", "Firehose failed to deliver rows to S3 (they are retried, then go to"
                        + " firehose-errors/)", metric("AWS/Firehose", "DeliveryToS3.Success", "Minimum", stream), 1,
                ComparisonOperator.LESS_THAN_THRESHOLD);
        int freshness = 2 * config.delivery().intervalSeconds() + Delivery.RETRY_SECONDS;
        add("FirehoseDataFreshness", "The oldest row in Firehose is older than " + freshness + " s (twice the"
                        + " buffer interval plus the retry time): deliveries are stuck",
                metric("AWS/Firehose", "DeliveryToS3.DataFreshness", "Maximum", stream), freshness,
                ComparisonOperator.GREATER_THAN_THRESHOLD);

        config.monthlyBudgetUsd().ifPresent(usd -> budget(config, usd));
    }

    private void budget(DeploymentConfig config, double usd) {
        List<Object> subscribers = List.of(CfnBudget.SubscriberProperty.builder()
                .subscriptionType("EMAIL").address(config.alarmEmail().orElseThrow()).build());
        CfnBudget.Builder.create(this, "MonthlyBudget")
                .budget(CfnBudget.BudgetDataProperty.builder()
                        .budgetName(config.stackPrefix() + "-monthly")
                        .budgetType("COST")
                        .timeUnit("MONTHLY")
                        .budgetLimit(CfnBudget.SpendProperty.builder().amount(usd).unit("USD").build())
                        // Only what this deployment's stacks create, by their tag (activate the tag for
                        // cost allocation once in the Billing console).
                        .costFilters(Map.of("TagKeyValue", List.of("user:" + DEPLOYMENT_TAG + "$" + config.stackPrefix())))
                        .build())
                .notificationsWithSubscribers(List.of(
                        notification("ACTUAL", 80, subscribers),
                        notification("FORECASTED", 100, subscribers)))
                .build();
    }

    private static Object notification(String type, double percent, List<Object> subscribers) {
        return CfnBudget.NotificationWithSubscribersProperty.builder()
                .notification(CfnBudget.NotificationProperty.builder().notificationType(type)
                        .comparisonOperator("GREATER_THAN").threshold(percent).thresholdType("PERCENTAGE").build())
                .subscribers(subscribers).build();
    }

    private void add(String id, String description, IMetric metric, double threshold, ComparisonOperator operator) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(operator)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        alarms.add(alarm);
    }

    /** A metric of the fan-out function (CONTRACTS: namespace Fanout, no dimensions). */
    private static IMetric fanout(String name) {
        return metric(Transform.METRICS_NAMESPACE, name, "Sum", Map.of());
    }

    private static IMetric metric(String namespace, String name, String statistic, Map<String, String> dimensions) {
        return Metric.Builder.create().namespace(namespace).metricName(name).statistic(statistic)
                .dimensionsMap(dimensions).period(PERIOD).build();
    }

    private static MetricOptions options(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
    }

    public Topic topic() {
        return topic;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
