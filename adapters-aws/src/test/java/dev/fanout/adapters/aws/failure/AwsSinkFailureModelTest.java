package dev.fanout.adapters.aws.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fanout.adapters.aws.fakes.Reply.Accept;
import dev.fanout.adapters.aws.fakes.Reply.Reset;
import dev.fanout.adapters.aws.fakes.Reply.Slow;
import dev.fanout.adapters.aws.firehose.FirehoseRowSink;
import dev.fanout.adapters.aws.s3.S3DeadLetterSink;
import dev.fanout.ports.PortException;
import dev.fanout.ports.WriteOutcome;
import dev.fanout.ports.WriteOutcome.Refusal.Kind;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one failure model of the AWS sinks, proved once against both: every fault is injected the same way into
 * a real SDK client of each sink, and both must classify it alike (the refusal's kind) and word it alike (the
 * reason's format). The only difference allowed is the documented one: a call of unknown outcome is
 * possibly written for Firehose, and merely retryable for S3, whose PUT overwrites the same key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsSinkFailureModelTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    /** The same for both sinks: a test below fails if they drift apart. */
    private static final Duration MIN_CALL_TIME = FirehoseRowSink.MIN_CALL_TIME;

    private FaultyAwsEndpoint endpoint;

    @BeforeAll
    void start() {
        endpoint = new FaultyAwsEndpoint();
    }

    @AfterAll
    void stop() {
        endpoint.close();
    }

    @BeforeEach
    void answerEverything() {
        endpoint.answer(Accept.all());
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void aThrottledCall_isRetryable_andSaysThrottled(SinkUnderTest sink) {
        // given
        endpoint.answer(sink.throttled);

        // when
        WriteOutcome<?> outcome = sink.write(endpoint.clientSettings(), CALL_TIMEOUT, soon());

        // then
        assertEveryItemRefused(outcome, Kind.RETRYABLE, "throttled: " + sink.service + " " + sink.operation + ": ");
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void aServerError_isRetryable_andSaysUnavailable(SinkUnderTest sink) {
        // given
        endpoint.answer(sink.serverError);

        // when
        WriteOutcome<?> outcome = sink.write(endpoint.clientSettings(), CALL_TIMEOUT, soon());

        // then
        assertEveryItemRefused(outcome, Kind.RETRYABLE, "unavailable: " + sink.service + " " + sink.operation + ": ");
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void aCallSlowerThanItsTimeout_hasAnUnknownOutcome_andSaysTimedOut(SinkUnderTest sink) {
        // given: the service stores the data but answers after 1.5 s; the sink waits 300 ms
        endpoint.answer(new Slow(Duration.ofMillis(1500)));

        // when
        WriteOutcome<?> outcome = sink.write(endpoint.clientSettings(), Duration.ofMillis(300), soon());

        // then
        assertEveryItemRefused(outcome, sink.unknownOutcome, "timed out: " + sink.service + " " + sink.operation + " (");
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void aConnectionResetAfterSending_hasAnUnknownOutcome_andSaysConnectionLost(SinkUnderTest sink) {
        // given
        endpoint.answer(new Reset());

        // when
        WriteOutcome<?> outcome = sink.write(endpoint.clientSettings(), CALL_TIMEOUT, soon());

        // then
        assertEveryItemRefused(outcome, sink.unknownOutcome, "connection lost: " + sink.service + " " + sink.operation + " (");
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void aRefusedConnection_isRetryable_andSaysNothingWasSent(SinkUnderTest sink) throws Exception {
        // given: a port that was free a moment ago
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        // when
        WriteOutcome<?> outcome = sink.write(FaultyAwsEndpoint.clientSettings(URI.create("http://127.0.0.1:" + port)),
                CALL_TIMEOUT, soon());

        // then
        assertEveryItemRefused(outcome, Kind.RETRYABLE, "unavailable: cannot connect to " + sink.service + " (");
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void aConnectTimeout_isRetryable_likeARefusedConnection_becauseNothingWasSent(SinkUnderTest sink) throws Exception {
        // given: a listening port whose accept queue is full, so the connect itself times out (after 500 ms)
        try (FullBacklogPort full = new FullBacklogPort()) {
            assumeTrue(full.full(), "this kernel accepts connections beyond the backlog");

            // when
            WriteOutcome<?> outcome = sink.write(
                    FaultyAwsEndpoint.clientSettings(URI.create("http://127.0.0.1:" + full.port())), CALL_TIMEOUT, soon());

            // then
            assertEveryItemRefused(outcome, Kind.RETRYABLE, "unavailable: cannot connect to " + sink.service + " (");
            assertThat(outcome.refused().getFirst().reason()).containsIgnoringCase("connect timed out");
        }
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void aCallTooNearTheDeadline_isNotSent_andSaysSo(SinkUnderTest sink) {
        // given
        int before = endpoint.calls();

        // when
        WriteOutcome<?> outcome = sink.write(endpoint.clientSettings(), CALL_TIMEOUT, Instant.now().plusMillis(20));

        // then
        assertThat(endpoint.calls()).isEqualTo(before);
        assertEveryItemRefused(outcome, Kind.NOT_SENT, "not sent: ");
        assertThat(outcome.refused().getFirst().reason()).contains(sink.service + " " + sink.operation);
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void aCallIsMade_withExactlyTheMinimumCallTimeLeft(SinkUnderTest sink) {
        // given: a clock that stands still, so the time left is exact
        Instant now = Instant.now();

        // when
        WriteOutcome<?> outcome = sink.write(endpoint.clientSettings(), CALL_TIMEOUT, InstantSource.fixed(now),
                now.plus(MIN_CALL_TIME));

        // then: the sink made the call. Whether its bytes reach the server within a 50 ms call timeout depends on
        // the machine (a cold client on a busy one gives up first), so the sink's decision is what is asserted:
        // each item was written or refused after a call, none as "not sent".
        assertThat(outcome.written().size() + outcome.refused().size()).isEqualTo(2);
        assertThat(outcome.refused()).noneSatisfy(refusal -> assertThat(refusal.kind()).isEqualTo(Kind.NOT_SENT));
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void noCallIsMade_withOneMillisecondLessThanTheMinimumCallTimeLeft(SinkUnderTest sink) {
        // given
        Instant now = Instant.now();
        int before = endpoint.calls();

        // when
        WriteOutcome<?> outcome = sink.write(endpoint.clientSettings(), CALL_TIMEOUT, InstantSource.fixed(now),
                now.plus(MIN_CALL_TIME).minusMillis(1));

        // then
        assertThat(endpoint.calls()).isEqualTo(before);
        assertEveryItemRefused(outcome, Kind.NOT_SENT, "not sent: 49 ms left before ");
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void aCallIsCutShortByTheDeadline_whenItIsNearerThanTheCallTimeout(SinkUnderTest sink) {
        // given: a 10 s call timeout, 400 ms to the deadline, and a service that answers after 3 s
        endpoint.answer(new Slow(Duration.ofSeconds(3)));

        // when
        WriteOutcome<?> outcome = sink.write(endpoint.clientSettings(), Duration.ofSeconds(10),
                Instant.now().plusMillis(400));

        // then: had the call waited for its own timeout, the answer would have come and the items been written
        assertEveryItemRefused(outcome, sink.unknownOutcome, "timed out: " + sink.service + " " + sink.operation + " (");
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void accessDenied_throwsAnActionablePortException_namingTheServiceTheTargetAndWhatItSaid(SinkUnderTest sink) {
        // given
        endpoint.answer(sink.accessDenied);

        // when / then
        assertThatThrownBy(() -> sink.write(endpoint.clientSettings(), CALL_TIMEOUT, soon()))
                .isInstanceOf(PortException.class)
                .hasMessageContaining("was denied")
                .hasMessageContaining("in region eu-west-1")
                .hasMessageContaining(sink.service + " said " + sink.service + " " + sink.operation + ": ")
                .hasMessageContaining("not you");
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void anUnknownHost_throwsAnActionablePortException_namingTheEndpointSettings(SinkUnderTest sink) {
        // when / then
        assertThatThrownBy(() -> sink.write(FaultyAwsEndpoint.clientSettings(URI.create("http://aws.nowhere.invalid")),
                CALL_TIMEOUT, soon()))
                .isInstanceOf(PortException.class)
                .hasMessageContaining("Cannot resolve the " + sink.service + " endpoint host for ")
                .hasMessageContaining("in region eu-west-1")
                .hasMessageContaining("AWS_ENDPOINT_URL_" + sink.name());
    }

    @ParameterizedTest
    @EnumSource(SinkUnderTest.class)
    void aHealthyCall_writesEverything(SinkUnderTest sink) {
        // when
        WriteOutcome<?> outcome = sink.write(endpoint.clientSettings(), CALL_TIMEOUT, soon());

        // then
        assertThat(outcome.refused()).isEmpty();
        assertThat(outcome.written()).hasSize(2);
    }

    @Test
    void bothSinks_keepTheSameMinimumCallTime() {
        // then
        assertThat(S3DeadLetterSink.MIN_CALL_TIME).isEqualTo(FirehoseRowSink.MIN_CALL_TIME);
    }

    private static void assertEveryItemRefused(WriteOutcome<?> outcome, Kind kind, String reasonStart) {
        assertThat(outcome.written()).isEmpty();
        assertThat(outcome.refused()).hasSize(2).allSatisfy(refusal -> {
            assertThat(refusal.kind()).isEqualTo(kind);
            assertThat(refusal.reason()).startsWith(reasonStart);
        });
    }

    private static Instant soon() {
        return Instant.now().plusSeconds(30);
    }
}
