package jts.fleet.controller.trim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import jts.fleet.remote.trim.Activation;
import jts.fleet.remote.install.InstallFileScript;
import jts.fleet.remote.install.FileOutcome;
import jts.fleet.remote.install.FileChange;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.controller.transport.SshOptions;
import jts.fleet.controller.transport.SshTransport;
import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.HostSpec;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.remote.trim.TrimConfig;
import jts.fleet.remote.trim.TrimLog;
import jts.fleet.remote.trim.TrimPaths;
import jts.fleet.remote.trim.TrimRecord;
import jts.fleet.remote.trim.TrimResult;
import jts.fleet.remote.trim.TrimScript;

/**
 * {@code trim install} and {@code trim} through a real sshd to this machine, logging in as an unprivileged user
 * with passwordless sudo, against real ext4/xfs on loop devices ({@link LoopDevices#trimTargets()}). Installs into the
 * fixed host paths of a host that is an sshd in its own mount namespace (/etc, /usr/local and /var/lib overlays,
 * started after the mounts, whose copies it gets), so this machine's files are never written (they were, and put
 * back afterwards).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrimEngineIT {
    private static final long CHUNK_BYTES = 128L << 20;

    SshdFixture sshd;
    LoopDevices loops;
    LoopDevices.TrimTargets fs;
    HostSpec host;
    Path state;
    Path textfiles;
    final TrimEngine commands = new TrimEngine(Duration.ofSeconds(30), Duration.ofSeconds(120));

    @BeforeAll
    void setUp() throws Exception {
        Environment.requireTool("sudo");
        Environment.requireTool("unshare");
        Environment.requireTool("nsenter");
        SshdFixture.require();
        loops = LoopDevices.inTempDir("jts-trim-loop");
        fs = loops.trimTargets();
        sshd = SshdFixture.builder().mountNamespace(loops.dir().resolve("host")).sudoUser().start();
        state = loops.dir().resolve("state");
        textfiles = Files.createDirectories(loops.dir().resolve("textfile"));
        HostSpec login = sshd.host(0, SshdFixture.SUDO_USER, sshd.ed25519Identity(), sshd.writeKnownHosts(), true);
        host = new HostSpec(login.name(), login.connection(), login.address(), login.port(), login.user(),
                login.identityFile(), login.knownHosts(), login.become(), login.groups(), login.sysroot(),
                TrimHosts.policy(List.of(TrimHosts.NY_TRADING)));
    }

    @AfterAll
    void tearDown() {
        try {
            if (sshd != null) {
                sshd.close(); // its namespace, with what was installed there, ends with it
            }
        } finally {
            if (loops != null) {
                loops.close();
            }
        }
    }

    private TrimConfig config(List<BlackoutWindow> blackout) {
        return new TrimConfig(host.name(), fs.paths(), blackout, CHUNK_BYTES, Optional.of(textfiles.toString()),
                state.toString());
    }

    /** A window around the current minute, every day, so "now" is inside whenever the test runs. */
    private static BlackoutWindow windowAroundNow() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        return new BlackoutWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.from(now.minusHours(1)),
                LocalTime.from(now.plusHours(1)), ZoneOffset.UTC);
    }

    @Test
    void installThenRefuseInBlackoutAndWhileLockedThenTrimEachFilesystemOnce() throws Exception {
        try (SshTransport ssh = new SshTransport(host, SshOptions.defaults().withConnectTimeout(Duration.ofSeconds(5)))) {
            // not installed yet: a dry run pushes script and config for this run only
            sshd.inMountNamespace("rm", "-f", "--", TrimPaths.SCRIPT);
            RunReport pushed = commands.run(ssh, host, Optional.of(config(List.of())), false, true);
            assertThat(pushed.mode()).as(pushed.stderr()).isEqualTo(RunReport.Mode.PUSHED);
            assertThat(pushed.outcome()).isEqualTo(RunReport.Outcome.OK);
            assertThat(pushed.records()).hasSize(5);
            assertThat(pushed.records().get(0).reason()).startsWith("dry run: would trim");

            InstallPlan plan = commands.installPlan(host, config(List.of(windowAroundNow())));
            InstallReport first = commands.install(ssh, host, plan, false, false);
            assertThat(first.files()).extracting(FileOutcome::change).containsOnly(FileChange.INSTALLED);
            assertThat(first.activation()).isInstanceOf(Activation.NoSystemd.class);
            assertThat(first.warnings()).singleElement().asString().contains("systemd is not running");
            assertThat(Files.readString(sshd.writtenAt(TrimPaths.SCRIPT))).isEqualTo(TrimScript.text());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sshd.writtenAt(TrimPaths.SCRIPT))))
                    .isEqualTo("rwxr-xr-x");
            assertThat(Files.readString(sshd.writtenAt(TrimPaths.CONFIG))).isEqualTo(plan.config().render());
            // the install script writes only its fixed paths, and only content that arrived intact
            var outsider = ssh.exec(InstallFileScript.text(), List.of("/etc/passwd", "0644", plan.files().get(1).sha256()),
                    plan.files().get(1).bytes(), Duration.ofSeconds(10), true);
            assertThat(outsider.exitCode()).isEqualTo(2);
            assertThat(outsider.stderr()).contains("refusing to write \"/etc/passwd\"");
            var corrupted = ssh.exec(InstallFileScript.text(), List.of(TrimPaths.CONFIG, "0644", plan.files().get(1).sha256()),
                    "mount /\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), Duration.ofSeconds(10), true);
            assertThat(corrupted.exitCode()).isEqualTo(1);
            assertThat(corrupted.stderr()).contains("received content has sha256");
            assertThat(Files.readString(sshd.writtenAt(TrimPaths.CONFIG))).isEqualTo(plan.config().render());
            try (var leftovers = Files.list(sshd.writtenAt(TrimPaths.CONFIG).getParent())) {
                assertThat(leftovers).as("no temporary file left").containsExactly(sshd.writtenAt(TrimPaths.CONFIG));
            }
            InstallReport again = commands.install(ssh, host, plan, false, false);
            assertThat(again.files()).extracting(FileOutcome::change).containsOnly(FileChange.UNCHANGED);
            assertThat(again.changed()).isFalse();

            LoopDevices.churn(fs.ext4().mount(), 200);
            LoopDevices.churn(fs.xfs().mount(), 200);
            long ext4Before = LoopDevices.allocatedBytes(fs.ext4().image());
            long xfsBefore = LoopDevices.allocatedBytes(fs.xfs().image());

            // inside the blackout window, not forced: exit 4 and nothing trimmed
            RunReport refused = commands.run(ssh, host, false, false);
            assertThat(refused.mode()).isEqualTo(RunReport.Mode.INSTALLED);
            assertThat(refused.outcome()).as(refused.stderr()).isEqualTo(RunReport.Outcome.REFUSED);
            assertThat(refused.exitCode()).isEqualTo(4);
            assertThat(refused.records()).hasSize(5).extracting(TrimRecord::result).containsOnly(TrimResult.REFUSED);
            assertThat(LoopDevices.allocatedBytes(fs.ext4().image())).isEqualTo(ext4Before);
            assertThat(LoopDevices.allocatedBytes(fs.xfs().image())).isEqualTo(xfsBefore);

            // a concurrent run holds the lock: refused naming it, even when forced
            Path lock = state.resolve("trim.lock");
            Process holder = new ProcessBuilder("sh", "-c", "exec 9<>\"$1\"; flock 9; echo $$ > \"$1\"; echo locked; exec sleep 30",
                    "holder", lock.toString()).start();
            try {
                assertThat(new String(holder.getInputStream().readNBytes(7))).isEqualTo("locked\n");
                RunReport locked = commands.run(ssh, host, true, false);
                assertThat(locked.outcome()).isEqualTo(RunReport.Outcome.REFUSED);
                assertThat(locked.records()).extracting(TrimRecord::reason)
                        .containsOnly("another jts-fstrim run holds " + lock + " (pid " + holder.pid() + ")");
            } finally {
                holder.destroy();
                holder.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(LoopDevices.allocatedBytes(fs.ext4().image())).isEqualTo(ext4Before);

            // forced: each filesystem trimmed once, the others skipped with reasons
            RunReport forced = commands.run(ssh, host, true, false);
            assertThat(forced.outcome()).as(forced.stderr()).isEqualTo(RunReport.Outcome.OK);
            assertThat(forced.records()).extracting(TrimRecord::mount, TrimRecord::result).containsExactly(
                    tuple(fs.ext4().mount().toString(), TrimResult.OK),
                    tuple(fs.xfs().mount().toString(), TrimResult.OK),
                    tuple(fs.bind().toString(), TrimResult.SKIPPED), tuple(fs.tmpfs().toString(), TrimResult.SKIPPED),
                    tuple(fs.missing().toString(), TrimResult.SKIPPED));
            assertThat(forced.records().get(2).reason()).startsWith("same filesystem as " + fs.ext4().mount());
            long ext4After = LoopDevices.allocatedBytes(fs.ext4().image());
            long xfsAfter = LoopDevices.allocatedBytes(fs.xfs().image());
            System.out.printf("through sshd+sudo: ext4 %d -> %d MiB, xfs %d -> %d MiB allocated; %d MiB trimmed in %s%n",
                    ext4Before >> 20, ext4After >> 20, xfsBefore >> 20, xfsAfter >> 20, forced.bytesTrimmed() >> 20,
                    forced.elapsed());
            assertThat(ext4After).as("ext4 backing file after trim").isLessThan(ext4Before - (150L << 20));
            assertThat(xfsAfter).as("xfs backing file after trim").isLessThan(xfsBefore - (150L << 20));

            // the host's run log holds all three runs; the last success per filesystem is the forced one
            TrimLog log = TrimLog.parse(Files.readAllLines(state.resolve("trim.jsonl")));
            assertThat(log.problems()).isEmpty();
            assertThat(log.records()).hasSize(15);
            assertThat(log.lastSuccessPerMount().keySet())
                    .containsExactly(fs.ext4().mount().toString(), fs.xfs().mount().toString());
        }
    }
}
