package jts.fleet.controller.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.InventoryLoader;

class HostScriptRunnerTest {
    private static HostSpec host(HostSpec.Become become) throws Exception {
        return new HostSpec("db-01", HostSpec.Connection.SSH, "10.0.0.1", 22, "ops", Optional.empty(), Optional.empty(),
                become, List.of(), Optional.empty(), InventoryLoader.standard().defaultPolicy());
    }

    private static FakeTransport exiting(int code, String stdout, String stderr) {
        return new FakeTransport("db-01", (script, args, stdin) -> new ExecResult(code,
                stdout.getBytes(StandardCharsets.UTF_8), stderr, Duration.ofMillis(1)));
    }

    @Test
    void sudoOnlyWhenTheScriptNeedsRootAndTheHostSaysSo() throws Exception {
        FakeTransport t = exiting(0, "ok\n", "");
        run(t, HostSpec.Become.SUDO, true);
        assertThat(t.lastBecome()).isTrue();
        run(t, HostSpec.Become.SUDO, false);
        assertThat(t.lastBecome()).as("a read-only script").isFalse();
        run(t, HostSpec.Become.NONE, true);
        assertThat(t.lastBecome()).as("a host without become").isFalse();
    }

    private static void run(FakeTransport t, HostSpec.Become become, boolean asRoot) throws Exception {
        HostScriptRunner.run(t, host(become), "x", "true", List.of(), new byte[0], Duration.ofSeconds(1), asRoot);
    }

    @Test
    void aNonZeroExitIsACommandFailureNamingHostScriptAndFirstErrorLine() throws Exception {
        FakeTransport t = exiting(3, "", "\n  tune-read: cannot read /var/lib/jts-fleet  \nsecond line\n");
        assertThatThrownBy(() -> HostScriptRunner.run(t, host(HostSpec.Become.NONE), "tune-read", "exit 3", List.of(),
                new byte[0], Duration.ofSeconds(1), false))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.failureClass()).isEqualTo(FailureClass.COMMAND))
                .hasMessage("db-01: tune-read exited 3: tune-read: cannot read /var/lib/jts-fleet");
        FakeTransport silent = exiting(1, "", "");
        assertThatThrownBy(() -> HostScriptRunner.run(silent, host(HostSpec.Become.NONE), "gather script", "exit 1",
                List.of(), new byte[0], Duration.ofSeconds(1), false)).hasMessage("db-01: gather script exited 1");
    }

    @Test
    void theOutputOfASuccessfulRunIsReturned() throws Exception {
        ExecResult r = HostScriptRunner.run(exiting(0, "@@done\n", "warning"), host(HostSpec.Become.NONE), "x", "true",
                List.of(), new byte[0], Duration.ofSeconds(1), false);
        assertThat(r.stdoutText()).isEqualTo("@@done\n");
    }

    @Test
    void execHandsBackANonZeroExitForScriptsWhoseExitIsAnAnswer() throws Exception {
        FakeTransport t = exiting(3, "@@jts-metrics not-installed\n", "");
        ExecResult r = HostScriptRunner.exec(t, host(HostSpec.Become.SUDO), "x", List.of(), new byte[0],
                Duration.ofSeconds(1), true);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(t.lastBecome()).isTrue();
    }

    @Test
    void aFailedStepNamesHostStepFirstErrorLineAndExit() throws Exception {
        ExecResult r = new ExecResult(1, new byte[0], "\ninstall-file: /etc/jts-fleet/trim.conf: cannot write\nmore\n",
                Duration.ofMillis(1));
        assertThat(HostScriptRunner.exitFailure(host(HostSpec.Become.NONE), "install /etc/jts-fleet/trim.conf", r))
                .hasMessage("db-01: install /etc/jts-fleet/trim.conf: install-file: /etc/jts-fleet/trim.conf: cannot"
                        + " write (exit 1)")
                .satisfies(e -> assertThat(e.failureClass()).isEqualTo(FailureClass.COMMAND));
    }

    @Test
    void anAnswerTheParserRefusedIsACommandFailureWithTheParsersSentence() {
        IllegalArgumentException parser = new IllegalArgumentException("db-01: activate: unexpected line \"x\"");
        TransportException e = HostScriptRunner.unusableAnswer(parser);
        assertThat(e).hasMessage("db-01: activate: unexpected line \"x\"").hasCause(parser);
        assertThat(e.failureClass()).isEqualTo(FailureClass.COMMAND);
    }
}
