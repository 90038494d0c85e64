package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jts.fleet.inventory.DeviceClass;
import jts.fleet.remote.testing.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import jts.fleet.inventory.testing.Golden;

/** Runs the real gather script: shellcheck, fixture trees, refusals, escaping, and this machine. */
class GatherScriptIT {
    @TempDir
    Path tmp;

    static List<String> fixtures() throws IOException {
        return Fixtures.names();
    }

    @Test
    void shellcheckClean() throws Exception {
        Path shellcheck = Environment.requireTool("shellcheck");
        Path script = tmp.resolve("gather.sh");
        Files.writeString(script, GatherScript.text());
        Process p = new ProcessBuilder(shellcheck.toString(), "-s", "sh", "-f", "gcc", script.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("shellcheck -s sh gather.sh:%n%s", out).isZero();
    }

    /** The script, run on each fixture tree, prints exactly the recorded output the parser tests use. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void fixtureTreeGivesRecordedOutput(String name) throws Exception {
        Path root = tmp.resolve("sysroot");
        SysrootTree.build(Fixtures.DIR.resolve(name).resolve("sysroot.tree"), root);
        Fixtures.ScriptRun run = Fixtures.runGather(tmp, root.toString());
        assertThat(run.exit()).as("exit of gather.sh; stderr: %s", run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        // gather.out is the framed text (what `snapshot` saves): the script's raw output as the controller frames it
        String framed = GatherParser.framed(name, run.stdout());
        Path recorded = Fixtures.DIR.resolve(name).resolve("gather.out");
        if (Golden.updating()) {
            Files.writeString(recorded, framed);
        }
        assertThat(recorded).as("recorded output (write it with -Djts.golden.update=true)").exists();
        assertThat(Fixtures.masked(framed)).as("gather.sh on %s vs gather.out", name)
                .isEqualTo(Fixtures.masked(Fixtures.recorded(name)));
        assertThat(GatherParser.parse(name, run.stdout()).devices()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "/tmp/../etc", "/tmp/./x", "/tmp/a b", "/tmp/$(reboot)",
            "/tmp/`id`", "/tmp;id", "/does/not/exist"})
    void refusesBadSysroots(String sysroot) throws Exception {
        Fixtures.ScriptRun run = Fixtures.runGather(tmp, sysroot);
        assertThat(run.exit()).as("exit for sysroot %s", sysroot).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("jts-gather: ");
    }

    /** The sysroot's resolved path goes into grep's blank-split file list: it is checked like the argument. */
    @Test
    void refusesASysrootThatResolvesToAPathWithBlanks() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("with space"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        Fixtures.ScriptRun run = Fixtures.runGather(tmp, link.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("jts-gather: sysroot resolves to a path with unexpected characters");
    }

    /** No grep, or a file list too long for exec: nothing was read, so no trailer and a non-zero exit. */
    @Test
    void aGrepThatCannotRunFailsTheGather() throws Exception {
        Path root = tmp.resolve("sysroot");
        SysrootTree.build(Fixtures.DIR.resolve("virtio-vm").resolve("sysroot.tree"), root);
        // the same script with a PATH that has no grep ($0 is the script, $1 the sysroot)
        Process run = new ProcessBuilder("/bin/sh", "-c", "PATH=/nonexistent exec /bin/sh -c \"$0\" jts-fleet \"$1\"",
                GatherScript.text(), root.toString()).start();
        run.getOutputStream().close();
        String out = new String(run.getInputStream().readAllBytes());
        String err = new String(run.getErrorStream().readAllBytes());
        assertThat(run.waitFor()).as("stderr: %s", err).isEqualTo(3);
        assertThat(err).contains("jts-gather: grep over").contains("status 127");
        assertThat(out).doesNotEndWith("@@done\n");
        assertThatThrownBy(() -> GatherParser.parse("vm", out)).isInstanceOf(GatherException.class);
    }

    /** Content that looks like framing (a tuned profile "@@done", a rule line "\...") survives escaping. */
    @Test
    void escapesFrameLookalikes() throws Exception {
        Path tree = tmp.resolve("tree");
        Files.writeString(tree, String.join("\n",
                "host esc-01 6.8.0",
                "disk sda /sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda",
                "  dev 8:0",
                "  size 100",
                "  device/model @@end",
                "file proc/diskstats",
                "file proc/self/mountinfo",
                "file etc/tuned/active_profile",
                "| @@done",
                "file etc/udev/rules.d/61-x.rules",
                "| \\ATTR{queue/nr_requests}=\"64\"",
                "| @@end ATTR{queue/scheduler}=\"none\"",
                "file var/lib/jts-fleet/state.json",
                "| {\"unterminated last line\": true}",
                ""));
        Path root = tmp.resolve("root");
        SysrootTree.build(tree, root);
        // a state file without final newline must not swallow the frame's @@end
        Files.writeString(root.resolve("var/lib/jts-fleet/state.json"), "{\"a\":1}");
        Fixtures.ScriptRun run = Fixtures.runGather(tmp, root.toString());
        assertThat(run.exit()).isZero();
        HostSnapshot s = GatherParser.parse("esc-01", run.stdout());
        assertThat(s.tunedProfile()).contains("@@done");
        assertThat(s.device("sda").orElseThrow().model()).contains("@@end");
        assertThat(s.udevRules()).containsEntry("/etc/udev/rules.d/61-x.rules",
                List.of("\\ATTR{queue/nr_requests}=\"64\"", "@@end ATTR{queue/scheduler}=\"none\""));
        assertThat(s.stateJson()).contains("{\"a\":1}");
        assertThat(s.hostname()).isEqualTo("esc-01");
    }

    /** The real machine, read-only: every /sys/block entry is found; virtio disks are classified virtual. */
    @Test
    void thisMachine() throws Exception {
        Environment.require(Files.isDirectory(Path.of("/sys/block")), "/sys/block exists (Linux)");
        Fixtures.ScriptRun run = Fixtures.runGather(tmp);
        assertThat(run.exit()).as("stderr: %s", run.stderr()).isZero();
        assertThat(run.elapsed()).as("gather.sh wall time").isLessThan(java.time.Duration.ofSeconds(5));
        HostSnapshot s = GatherParser.parse("local", run.stdout());
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> entries = Files.list(Path.of("/sys/block"))) {
            entries.map(p -> p.getFileName().toString()).forEach(expected::add);
        }
        Set<String> disks = new TreeSet<>();
        s.devices().stream().filter(d -> !d.isPartition()).forEach(d -> disks.add(d.name()));
        assertThat(disks).isEqualTo(expected);
        assertThat(s.diskstats()).isNotEmpty();
        assertThat(s.mounts()).anyMatch(m -> m.path().equals("/"));
        if (expected.contains("vda")) {
            BlockDevice vda = s.device("vda").orElseThrow();
            assertThat(vda.deviceClass()).isEqualTo(DeviceClass.VIRTUAL);
            assertThat(vda.classReason()).contains("virtio");
            assertThat(vda.scheduler()).isPresent();
        }
        System.out.printf("gather.sh on this machine: %d ms, %d bytes, %d devices, %d mounts%n",
                run.elapsed().toMillis(), run.stdout().length(), s.devices().size(), s.mounts().size());
    }
}
