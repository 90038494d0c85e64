package jts.fleet.controller.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteCommandTest {

    @Test
    void shellLineWrapsScriptInTimeoutAndQuotesEverything() {
        RemoteCommand command = new RemoteCommand("echo \"$1\" 'x'", List.of("a b", "it's"), Duration.ofSeconds(30),
                false);
        assertThat(command.shellLine())
                .isEqualTo("exec timeout -k 5 30 sh -c 'echo \"$1\" '\\''x'\\''' jts-fleet 'a b' 'it'\\''s'");
    }

    @Test
    void sudoComesFirstSoTimeoutRunsAsRoot() {
        RemoteCommand command = new RemoteCommand("id -u", List.of(), Duration.ofSeconds(5), true);
        assertThat(command.shellLine()).isEqualTo("exec sudo -n timeout -k 5 5 sh -c 'id -u' jts-fleet");
        assertThat(command.argv())
                .containsExactly("sudo", "-n", "timeout", "-k", "5", "5", "sh", "-c", "id -u", "jts-fleet");
    }

    @Test
    void argvHasNoQuotingBecauseNoShellParsesIt() {
        RemoteCommand command = new RemoteCommand("printf %s \"$1\"", List.of("it's"), Duration.ofSeconds(2), false);
        assertThat(command.argv())
                .containsExactly("timeout", "-k", "5", "2", "sh", "-c", "printf %s \"$1\"", "jts-fleet", "it's");
    }

    @ParameterizedTest
    @CsvSource({"PT1S,1", "PT1.5S,2", "PT0.001S,1", "PT120S,120", "PT2M0.1S,121"})
    void timeoutRoundsUpToWholeSeconds(Duration timeout, long seconds) {
        assertThat(new RemoteCommand("true", List.of(), timeout, false).timeoutSeconds()).isEqualTo(seconds);
    }

    @Test
    void zeroTimeoutIsRefused() {
        assertThatThrownBy(() -> new RemoteCommand("true", List.of(), Duration.ZERO, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|sudo: a password is required|true",
            "1|jtsnopw is not in the sudoers file.  This incident will be reported.|true",
            "1|Sorry, user jts is not allowed to execute '/usr/bin/timeout' as root on db-01.|true",
            "1|sudo: a terminal is required to read the password|true",
            "2|sudo: a password is required|false",
            "1|grep: no match|false",
    })
    void recognisesSudoRefusals(int exitCode, String stderr, boolean refusal) {
        assertThat(RemoteCommand.isSudoRefusal(exitCode, stderr)).isEqualTo(refusal);
    }
}
