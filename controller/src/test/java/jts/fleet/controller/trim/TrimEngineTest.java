package jts.fleet.controller.trim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jts.fleet.remote.trim.Activation;
import jts.fleet.remote.install.PushedFile;
import jts.fleet.remote.install.InstallFileScript;
import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.install.FileChange;
import jts.fleet.controller.testing.FakeTransport;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.trim.TrimPaths;
import jts.fleet.remote.trim.TrimResult;
import jts.fleet.remote.trim.TrimScript;

class TrimEngineTest {
    private static final HostSpec HOST = TrimHosts.local("db-01", HostSpec.Become.SUDO, List.of(TrimHosts.NY_TRADING));
    private final TrimEngine commands = new TrimEngine(Duration.ofSeconds(10), Duration.ofSeconds(60));

    /** One exec as the engine issued it. */
    record Call(String script, List<String> args, byte[] stdin) {
    }

    private static ExecResult result(int exit, String stdout, String stderr) {
        return new ExecResult(exit, stdout.getBytes(StandardCharsets.UTF_8), stderr, Duration.ofMillis(3));
    }

    private InstallPlan plan() {
        return commands.installPlan(HOST, List.of("/data", "/wal"), Optional.of("/var/lib/node_exporter"));
    }

    @Test
    void planPushesScriptConfigAndUnitsWithModes() {
        InstallPlan plan = plan();
        assertThat(plan.files()).extracting(PushedFile::path, PushedFile::mode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TrimPaths.SCRIPT, "0755"),
                org.assertj.core.groups.Tuple.tuple(TrimPaths.CONFIG, "0644"),
                org.assertj.core.groups.Tuple.tuple(TrimPaths.SERVICE, "0644"),
                org.assertj.core.groups.Tuple.tuple(TrimPaths.TIMER, "0644"));
        assertThat(plan.files().get(1).content()).contains("host db-01\n", "mount /data\nmount /wal\n",
                "blackout 1,2,3,4,5 0800 1800 America/New_York\n", "textfile_dir /var/lib/node_exporter\n");
        assertThat(plan.files().get(3).content()).contains("OnCalendar=Sat *-*-* 02:00:00 America/New_York\n");
        // sha256("abc"), FIPS 180-2 test vector
        assertThat(new PushedFile(TrimPaths.CONFIG, "0644", "abc").sha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThatThrownBy(() -> new PushedFile("/etc/passwd", "0644", "x")).hasMessageContaining("/etc/passwd");
    }

    @Test
    void installPushesEachFileWithItsHashThenActivatesAndWarnsAboutDoubleTrimming() throws Exception {
        List<Call> calls = new ArrayList<>();
        FakeTransport host = new FakeTransport("db-01", (script, args, stdin) -> {
            calls.add(new Call(script, args, stdin));
            if (script.equals(InstallFileScript.text())) {
                return result(0, (args.get(0).equals(TrimPaths.SCRIPT) ? "unchanged " : "installed ") + args.get(2) + "\n", "");
            }
            return result(0, "systemd present\nfstrim.timer enabled\nnext Sat 2026-11-28 02:17:12 EST\n", "");
        });
        InstallReport report = commands.install(host, HOST, plan(), false, false);

        assertThat(calls).hasSize(5);
        for (int i = 0; i < 4; i++) {
            PushedFile file = plan().files().get(i);
            assertThat(calls.get(i).args()).containsExactly(file.path(), file.mode(), file.sha256(), "apply");
            assertThat(calls.get(i).stdin()).isEqualTo(file.bytes());
        }
        assertThat(calls.get(4).script()).isEqualTo(TrimScript.activateScript());
        assertThat(calls.get(4).args()).containsExactly("/run/systemd/system", "no");
        assertThat(report.files()).extracting(FileOutcome::change).containsExactly(
                FileChange.UNCHANGED, FileChange.INSTALLED, FileChange.INSTALLED, FileChange.INSTALLED);
        assertThat(report.changed()).isTrue();
        assertThat(report.activation()).isEqualTo(new Activation.Activated(TrimScript.activationCommands(false),
                "enabled", false, "Sat 2026-11-28 02:17:12 EST"));
        assertThat(report.warnings()).containsExactly("db-01: util-linux fstrim.timer is enabled too: filesystems are"
                + " trimmed twice, once without the blackout guard; rerun with --mask-fstrim-timer to mask it");
    }

    @Test
    void maskingRemovesTheWarningAndWithoutSystemdTheCommandsAreReported() throws Exception {
        FakeTransport masked = new FakeTransport("db-01", (script, args, stdin) -> script.equals(TrimScript.activateScript())
                ? result(0, "systemd present\nfstrim.timer enabled\nmasked fstrim.timer\nnext n/a\n", "")
                : result(0, "unchanged " + args.get(2), ""));
        InstallReport report = commands.install(masked, HOST, plan(), true, false);
        assertThat(report.changed()).isFalse();
        assertThat(((Activation.Activated) report.activation()).maskedFstrimTimer()).isTrue();
        assertThat(report.warnings()).isEmpty();

        FakeTransport noSystemd = new FakeTransport("db-01", (script, args, stdin) -> script.equals(TrimScript.activateScript())
                ? result(0, "systemd absent\n", "") : result(0, "installed " + args.get(2), ""));
        InstallReport bare = commands.install(noSystemd, HOST, plan(), false, false);
        assertThat(bare.activation()).isEqualTo(new Activation.NoSystemd(List.of("systemctl daemon-reload",
                "systemctl enable --now jts-fstrim.timer", "systemctl is-enabled fstrim.timer")));
        assertThat(bare.warnings()).singleElement().asString().startsWith("db-01: systemd is not running");
    }

    @Test
    void dryRunOnlyComparesHashes() throws Exception {
        List<Call> calls = new ArrayList<>();
        FakeTransport host = new FakeTransport("db-01", (script, args, stdin) -> {
            calls.add(new Call(script, args, stdin));
            return result(0, "would-install " + args.get(2), "");
        });
        InstallReport report = commands.install(host, HOST, plan(), true, true);
        assertThat(calls).hasSize(4).allSatisfy(c -> {
            assertThat(c.args().get(3)).isEqualTo("check");
            assertThat(c.stdin()).isEmpty();
        });
        assertThat(report.files()).extracting(FileOutcome::change).containsOnly(FileChange.WOULD_INSTALL);
        assertThat(report.activation()).isInstanceOf(Activation.DryRun.class);
        assertThat(report.activation().commands()).endsWith("systemctl mask fstrim.timer");
    }

    @Test
    void installErrorsNameHostFileAndCause() {
        FakeTransport host = new FakeTransport("db-01", (script, args, stdin) -> args.get(0).equals(TrimPaths.CONFIG)
                ? result(1, "", "install-file: /etc/jts-fleet/trim.conf: cannot write /etc/jts-fleet/.jts-install.x\n")
                : result(0, "installed " + args.get(2), ""));
        assertThatThrownBy(() -> commands.install(host, HOST, plan(), false, false))
                .isInstanceOf(TransportException.class)
                .hasMessage("db-01: install /etc/jts-fleet/trim.conf: install-file: /etc/jts-fleet/trim.conf: cannot write"
                        + " /etc/jts-fleet/.jts-install.x (exit 1)");
        FakeTransport liar = FakeTransport.answering("db-01", "installed 0000");
        assertThatThrownBy(() -> commands.install(liar, HOST, plan(), false, false))
                .hasMessageStartingWith("db-01: install " + TrimPaths.SCRIPT + ": unexpected answer \"installed 0000\"");
    }

    private static final String OK_LINE = "{\"time\":\"2026-11-28T07:00:01Z\",\"ts\":1795849201,\"host\":\"db-01\","
            + "\"mount\":\"/data\",\"device\":\"/dev/nvme0n1p1\",\"majmin\":\"259:1\",\"bytes\":4096,\"duration_s\":0.5,"
            + "\"result\":\"ok\",\"reason\":\"\",\"dry_run\":false}\n";

    @Test
    void runUsesTheInstalledScriptWhenPresent() throws Exception {
        List<Call> calls = new ArrayList<>();
        FakeTransport host = new FakeTransport("db-01", (script, args, stdin) -> {
            calls.add(new Call(script, args, stdin));
            return result(0, OK_LINE, "jts-fstrim: /data: ok\n");
        });
        RunReport report = commands.run(host, HOST, true, false);
        assertThat(calls).singleElement().satisfies(c -> assertThat(c.args()).as("no change context: a run of the engine alone records nothing")
                .containsExactly("yes", "no", "-", ""));
        assertThat(report.mode()).isEqualTo(RunReport.Mode.INSTALLED);
        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.OK);
        assertThat(report.records()).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(TrimResult.OK);
            assertThat(r.bytes()).isEqualTo(4096);
        });
        assertThat(report.bytesTrimmed()).isEqualTo(4096);
    }

    @Test
    void runPushesScriptAndConfigWhenNotInstalled() throws Exception {
        List<Call> calls = new ArrayList<>();
        FakeTransport host = new FakeTransport("db-01", (script, args, stdin) -> {
            calls.add(new Call(script, args, stdin));
            return args.get(2).equals("-") ? result(3, "", "trim-run: not installed\n") : result(4, OK_LINE, "");
        });
        var config = plan().config();
        RunReport report = commands.run(host, HOST, Optional.of(config), false, true);
        assertThat(calls).hasSize(2);
        byte[] configBytes = config.render().getBytes(StandardCharsets.UTF_8);
        assertThat(calls.get(1).args()).containsExactly("no", "yes", String.valueOf(configBytes.length), "");
        assertThat(new String(calls.get(1).stdin(), StandardCharsets.UTF_8)).isEqualTo(config.render() + TrimScript.text());
        assertThat(report.mode()).isEqualTo(RunReport.Mode.PUSHED);
        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.REFUSED);

        RunReport notInstalled = commands.run(host, HOST, false, false);
        assertThat(notInstalled.outcome()).isEqualTo(RunReport.Outcome.NOT_INSTALLED);
        assertThat(notInstalled.records()).isEmpty();
    }

    @Test
    void garbageOutputIsACommandFailureNamingHostAndLine() {
        FakeTransport host = new FakeTransport("db-01", (script, args, stdin) ->
                result(2, OK_LINE + "sh: 1: fstrim: not found\n", "jts-fstrim: boom\n"));
        assertThatThrownBy(() -> commands.run(host, HOST, false, false))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.failureClass()).isEqualTo(FailureClass.COMMAND))
                .hasMessageStartingWith("db-01: jts-fstrim --json output line 2: not JSON")
                .hasMessageEndingWith("(exit 2, stderr: jts-fstrim: boom)");
    }

    @Test
    void statusParsesNextElapseAndRecords() throws Exception {
        FakeTransport host = FakeTransport.answering("db-01", "next Sat 2026-11-28 03:00:00 EST\n" + OK_LINE);
        var status = commands.status(host, HOST);
        assertThat(status.nextElapse()).contains("Sat 2026-11-28 03:00:00 EST");
        assertThat(status.lastSuccessPerMount()).containsOnlyKeys("/data");

        FakeTransport bare = FakeTransport.answering("db-02", "next -\n");
        assertThat(commands.status(bare, HOST).nextElapse()).isEmpty();
        FakeTransport garbage = FakeTransport.answering("db-03", "hello\n");
        assertThatThrownBy(() -> commands.status(garbage, HOST))
                .hasMessage("db-01: trim-status: expected \"next ...\" as line 1, got \"hello\"");
    }
}
