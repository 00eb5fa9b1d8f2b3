package dev.fanout.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fanout --help} names every command, and every command answers a usage error with one line and a hint. */
class FanoutHelpTest {

    @Test
    void help_listsEveryCommand_withOneLineEach() {
        // when
        CommandRunner.Result help = CommandRunner.run("--help");

        // then
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).containsPattern("replay +Replays bundle files")
                .containsPattern("publish +Puts bundles on a Kafka topic over mutual TLS, as LMDP does.\n")
                .containsPattern("redrive +Replays the bundles of dead letters again, once their cause is fixed.\n")
                .containsPattern("verify +Checks a tree of rows and dead letters against the layout.\n")
                .containsPattern("check-secret +Checks the mTLS secret an EventBridge Pipe authenticates with.\n")
                .containsPattern("invoke-local +Runs a Lambda handler on a recorded event \\(see fanout invoke-local"
                        + " --help\\).\n")
                .containsPattern("help +Display help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "publish", "redrive", "verify", "check-secret"})
    void everyCommand_answersAnUnknownOption_withOneLineAndAHint(String command) {
        // when
        CommandRunner.Result result = CommandRunner.run(command, "--no-such-option");

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("fanout " + command + ": ")
                .endsWith("(see fanout " + command + " --help)");
    }

    @Test
    void invokeLocal_inThisJar_pointsToTheLauncher() {
        // when
        CommandRunner.Result result = CommandRunner.run("invoke-local", "--handler", "target", "--event", "e.json");

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(List.of(result.err().strip().split("\n"))).singleElement().asString()
                .contains("./fanout invoke-local --handler target|enrichment|transform --event FILE");
    }
}
