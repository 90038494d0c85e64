package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.cli.UsageException;
import jts.fleet.controller.transport.ExecResult;
import jts.fleet.controller.transport.LocalTransport;
import jts.fleet.controller.transport.TransportException;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.remote.model.GatherScript;
import jts.fleet.remote.monitor.HostReads;
import jts.fleet.remote.stats.DeviceRates;
import jts.fleet.remote.stats.DiskStatsException;
import jts.fleet.remote.stats.IoStat;

/** The triage commands' host scripts, run for real through the local transport, and their parsers. */
class TriageScriptsTest {
    @TempDir
    Path temp;

    private static String recordedDiskstats(String name) throws Exception {
        try (InputStream in = GatherScript.class.getResourceAsStream("/monitor/diskstats/" + name)) {
            assertThat(in).as("diskstats fixture %s (remote-checks test-jar)", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void twoFramedSamplesGiveIostatRatesOnTheHostsOwnClock() throws Exception {
        String output = "@@sample 1\n" + recordedDiskstats("k6.18-20fields.a") + "@@sample 2\n"
                + recordedDiskstats("k6.18-20fields.b") + "@@done\n";
        IoStat.Interval interval = HostReads.parseDiskSample("db-01", output, Map.of());
        assertThat(interval.seconds()).isEqualTo(5.0);
        DeviceRates vda = interval.devices().stream().filter(d -> d.device().equals("vda")).findFirst().orElseThrow();
        // vda: 50 reads and 100 writes in 5 s; 100 ms and 300 ms spent on them; 50 flushes taking 100 ms
        assertThat(vda.readsPerSec()).isEqualTo(10.0);
        assertThat(vda.writesPerSec()).isEqualTo(20.0);
        assertThat(vda.readAwaitMs()).isEqualTo(2.0);
        assertThat(vda.writeAwaitMs()).isEqualTo(3.0);
        assertThat(vda.flushAwaitMs()).hasValue(2.0);
    }

    @Test
    void truncatedOrForeignOutputIsAnErrorNamingTheHost() throws Exception {
        String first = "@@sample 1\n" + recordedDiskstats("k6.18-20fields.a");
        assertThatThrownBy(() -> HostReads.parseDiskSample("db-01", first, Map.of()))
                .isInstanceOf(DiskStatsException.class)
                .hasMessage("db-01: diskstats sampling output truncated (no @@done after two samples)");
        assertThatThrownBy(() -> HostReads.parseDiskSample("db-01", "Last login: yesterday\n", Map.of()))
                .isInstanceOf(DiskStatsException.class)
                .hasMessage("db-01: line 1: expected \"@@sample 1\"");
        assertThatThrownBy(() -> HostReads.parseDiskSample("db-01", "@@sample 1\nnot uptime\n@@sample 2\nx\n@@done\n",
                Map.of())).isInstanceOf(DiskStatsException.class).hasMessageStartingWith("db-01: line 1: expected /proc/uptime");
    }

    private static HostSpec local(String name, Optional<String> sysroot) throws Exception {
        return new HostSpec(name, HostSpec.Connection.LOCAL, "localhost", 22, "root", Optional.empty(),
                Optional.empty(), HostSpec.Become.NONE, List.of(), sysroot, InventoryLoader.standard().defaultPolicy());
    }

    @Test
    void theSamplingScriptReadsTheSysrootTwiceOneIntervalApart() throws Exception {
        Path proc = Files.createDirectories(temp.resolve("root/proc"));
        Files.writeString(proc.resolve("uptime"), "100.00 50.00\n");
        Files.writeString(proc.resolve("diskstats"), recordedDiskstats("k6.18-20fields.a").lines().skip(1)
                .reduce("", (a, b) -> a + b + "\n"));
        HostSpec host = local("fixture", Optional.of(temp.resolve("root").toString()));
        try (LocalTransport transport = new LocalTransport(host)) {
            long started = System.nanoTime();
            IoStat.Interval interval = DiskSampling.sample(transport, host, 1, java.time.Duration.ofSeconds(60), Map.of());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            // the fixture's clock did not move: no rates, every device counted as reset
            assertThat(interval.devices()).isEmpty();
            assertThat(interval.reset()).contains("vda", "loop0");
        }
    }

    @Test
    void theSamplingScriptRefusesBadArgumentsItself() throws Exception {
        HostSpec host = local("fixture", Optional.empty());
        try (LocalTransport transport = new LocalTransport(host)) {
            for (List<String> args : List.of(List.of("0"), List.of("1x"), List.of("3601"), List.of("1", "relative"),
                    List.of("1", "/tmp/../etc"), List.of("1", "/tmp/a b"))) {
                ExecResult r = transport.exec(HostReads.diskSampleScript(), args, new byte[0],
                        Duration.ofSeconds(10), false);
                assertThat(r.exitCode()).as("args %s", args).isEqualTo(2);
                assertThat(r.stderr()).as("args %s", args).startsWith("jts-diskstats: ");
            }
        }
    }

    @Test
    void theJournalScriptOnlyServesJtsUnits() throws Exception {
        HostSpec host = local("fixture", Optional.empty());
        try (LocalTransport transport = new LocalTransport(host)) {
            for (List<String> args : List.of(List.of("sshd.service", "50"), List.of("jts-x;reboot", "50"),
                    List.of("jts-fstrim.service", "5x"))) {
                ExecResult r = transport.exec(HostReads.journalScript(), args, new byte[0], Duration.ofSeconds(10), false);
                assertThat(r.exitCode()).as("args %s", args).isEqualTo(2);
                assertThat(r.stderr()).as("args %s", args).startsWith("jts-journal: ");
            }
            ExecResult ok = transport.exec(HostReads.journalScript(), List.of("jts-*", "5"), new byte[0],
                    Duration.ofSeconds(10), false);
            assertThat(ok.exitCode()).isZero();
            assertThat(ok.stdoutText()).startsWith("@@journal ");
        }
    }

    @Test
    void journalOutputIsParsedAndControlCharactersNeutralised() throws Exception {
        ExecResult lines = new ExecResult(0, "@@journal ok\nline one\nevil \u001b[2J clear\n".getBytes(StandardCharsets.UTF_8),
                "", Duration.ZERO);
        assertThat(JournalCommand.parse("db-01", lines).lines()).containsExactly("line one", "evil ?[2J clear");
        ExecResult absent = new ExecResult(0, "@@journal absent journalctl is not installed\n".getBytes(StandardCharsets.UTF_8),
                "", Duration.ZERO);
        assertThat(JournalCommand.parse("db-01", absent).absentReason()).isEqualTo("journalctl is not installed");
        ExecResult failed = new ExecResult(1, "@@journal ok\n".getBytes(StandardCharsets.UTF_8),
                "Failed to open journal: Permission denied\n", Duration.ZERO);
        assertThatThrownBy(() -> JournalCommand.parse("db-01", failed)).isInstanceOf(TransportException.class)
                .hasMessage("db-01: journalctl exited 1: Failed to open journal: Permission denied");
    }

    @Test
    void unitNamesAreCheckedBeforeAnythingRuns() throws Exception {
        assertThat(JournalCommand.validUnit(null)).isEqualTo("jts-*");
        assertThat(JournalCommand.validUnit("jts-fstrim.timer")).isEqualTo("jts-fstrim.timer");
        for (String bad : List.of("sshd.service", "jts-*", "jts-a b", "jts-$(id)", "../jts-x")) {
            assertThatThrownBy(() -> JournalCommand.validUnit(bad)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("unit '" + bad + "' is not a jts-fleet unit");
        }
    }
}
