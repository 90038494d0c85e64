package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;

/**
 * {@link UdevRuleMatcher}'s semantics against real {@code udevadm test} on loop devices: every match key of the
 * grammar the renderer uses, including an attribute the device lacks under {@code !=} (why {@code
 * ATTR{hidden}!="1"} never fired on kernels without {@code hidden}) and GOTO/LABEL. Probe rules only set
 * properties ({@code ENV{JTS_PROBE_n}}), never an attribute, and match only the loop devices attached here.
 */
class UdevRuleMatcherIT {
    @TempDir
    Path tmp;
    LoopDevices loops;
    String loop;
    String partitioned;

    @BeforeEach
    void attach() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("losetup");
        Environment.requireTool("udevadm");
        loops = new LoopDevices(tmp);
        loop = loops.attach("plain", 16L << 20, null);
        partitioned = loops.attach("parted", 16L << 20, LoopDevices.ONE_PARTITION);
    }

    @AfterEach
    void detach() throws IOException {
        if (loops != null) {
            loops.close();
        }
    }

    /** The device as udev sees it, read from sysfs directly: every attribute file the probes name. */
    private static UdevRuleMatcher.Device device(String sysPath, String kernel, String devtype) throws IOException {
        Path dir = Path.of(sysPath);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String name : List.of("removable", "hidden", "ro", "queue/rotational", "queue/zoned", "queue/scheduler",
                "queue/read_ahead_kb", "doesnotexist")) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                attributes.put(name, Files.readString(file).strip());
            }
        }
        String devpath = dir.toRealPath().toString().substring("/sys".length());
        return new UdevRuleMatcher.Device(kernel, devtype, devpath, attributes, Map.of(), Map.of("DEVTYPE", devtype));
    }

    /**
     * The backing-device rule as rendered for an NFS mount is accepted by udev, and does not fire for a BDI that
     * is not an NFS volume (this loop device's: the program finds it in no /proc/fs/nfsfs/volumes). The same rule
     * with a program that succeeds really sets the backing device's read-ahead.
     */
    @Test
    void backingDeviceRulesParseAndAssignOnTheBdiSubsystem() throws Exception {
        String majmin = Files.readString(Path.of("/sys/block", loop, "dev")).strip();
        Path bdi = Path.of("/sys/class/bdi", majmin);
        String before = Files.readString(bdi.resolve("read_ahead_kb")).strip();
        String want = before.equals("4096") ? "2048" : "4096";
        String rendered = "ACTION!=\"remove\", SUBSYSTEM==\"bdi\", KERNEL==\"" + majmin + "\", PROGRAM==\"/usr/bin/awk "
                + "-v bdi=$kernel -v server=0a010005 '$$2 == server && $$4 == bdi { found = 1 } END { exit !found }' "
                + "/proc/fs/nfsfs/volumes\", ATTR{read_ahead_kb}=\"" + want + "\"\n";
        String always = "ACTION!=\"remove\", SUBSYSTEM==\"bdi\", KERNEL==\"" + majmin + "\", PROGRAM==\"/bin/true\", "
                + "ATTR{read_ahead_kb}=\"" + want + "\"\n";
        assertThat(UdevRuleMatcher.parse(rendered)).hasSize(1);
        Path installed = Path.of("/etc/udev/rules.d/99-jts-fleet-probe-" + UUID.randomUUID() + ".rules");
        try {
            Files.writeString(installed, rendered, StandardCharsets.UTF_8);
            String out = LoopDevices.runMerged(List.of("udevadm", "test", "--action=change", bdi.toString()));
            assertThat(out).as(out).startsWith("exit 0").doesNotContain(installed.getFileName() + ":1: Invalid");
            assertThat(Files.readString(bdi.resolve("read_ahead_kb")).strip()).as("not an NFS volume").isEqualTo(before);

            Files.writeString(installed, always, StandardCharsets.UTF_8);
            out = LoopDevices.runMerged(List.of("udevadm", "test", "--action=change", bdi.toString()));
            assertThat(out).as(out).startsWith("exit 0");
            assertThat(Files.readString(bdi.resolve("read_ahead_kb")).strip()).as(out).isEqualTo(want);
        } finally {
            Files.deleteIfExists(installed);
            Files.writeString(bdi.resolve("read_ahead_kb"), before);
        }
    }

    private static List<String> probes(String kernel, String rotational) {
        String me = "KERNEL==\"" + kernel + "\"";
        return List.of(
                me,
                "KERNEL==\"loop[0-9]*\", " + me,
                "KERNEL!=\"nvme*c*\", " + me,
                "KERNEL==\"nvme[0-9]*n[0-9]*\", " + me,
                "KERNEL==\"sd*|" + kernel + "\"",
                "ATTR{doesnotexist}!=\"1\", " + me,
                "ATTR{doesnotexist}==\"1\", " + me,
                "ATTR{hidden}!=\"1\", " + me,
                "ATTR{removable}!=\"1\", " + me,
                "ATTR{queue/rotational}==\"" + rotational + "\", " + me,
                "ATTR{queue/rotational}!=\"" + rotational + "\", " + me,
                "ATTR{queue/zoned}!=\"host-*\", " + me,
                "ATTR{queue/scheduler}==\"*none*\", " + me,
                "DEVPATH!=\"*/virtio*\", DEVPATH!=\"*/usb*\", " + me,
                "DEVPATH==\"/devices/virtual/block/*\", " + me,
                "ENV{DEVTYPE}==\"disk\", " + me,
                "ENV{ID_SERIAL_SHORT}!=\"x\", " + me,
                "ENV{ID_SERIAL_SHORT}==\"x\", " + me,
                "ACTION!=\"remove\", SUBSYSTEM==\"block\", ENV{DEVTYPE}==\"disk\", KERNEL!=\"nvme*c*\", " + me);
    }

    @Test
    void everyMatchKeyMeansWhatUdevMakesOfIt() throws Exception {
        String rotational = LoopDevices.queue(loop, "rotational").strip();
        List<String> lines = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Map<String, Boolean> predicted = new LinkedHashMap<>();
        String part = partitioned + "p1";
        List<String[]> devices = List.of(
                new String[] {"/sys/block/" + loop, loop, "disk"},
                new String[] {"/sys/block/" + partitioned + "/" + part, part, "partition"});
        int n = 0;
        for (String[] d : devices) {
            UdevRuleMatcher.Device view = device(d[0], d[1], d[2]);
            List<String> set = new ArrayList<>(probes(d[1], rotational));
            set.add("ENV{DEVTYPE}==\"disk\", KERNEL==\"" + d[1] + "\""); // false for the partition
            for (String probe : set) {
                String key = "JTS_PROBE_" + (n++);
                lines.add(probe + ", ENV{" + key + "}=\"1\"");
                keys.add(key);
                predicted.put(key + " " + d[1] + ": " + probe,
                        UdevRuleMatcher.matches(UdevRuleMatcher.parse(probe + ", GOTO=\"x\"").get(0), view, "block"));
            }
        }
        // GOTO skips to its label, as the renderer's device rules rely on
        String me = "KERNEL==\"" + loop + "\"";
        lines.add(me + ", GOTO=\"jts_probe_end\"");
        lines.add(me + ", ENV{JTS_PROBE_SKIPPED}=\"1\"");
        lines.add("LABEL=\"jts_probe_end\"");
        lines.add(me + ", ENV{JTS_PROBE_AFTER}=\"1\"");

        Path installed = Path.of("/etc/udev/rules.d/99-jts-fleet-probe-" + UUID.randomUUID() + ".rules");
        Map<String, String> output = new LinkedHashMap<>();
        try {
            Files.writeString(installed, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            for (String[] d : devices) {
                output.put(d[1], LoopDevices.runMerged(List.of("udevadm", "test", "--action=change", d[0])));
            }
        } finally {
            Files.deleteIfExists(installed);
        }
        int i = 0;
        for (var e : predicted.entrySet()) {
            String key = keys.get(i++);
            String deviceName = e.getKey().substring(e.getKey().indexOf(' ') + 1, e.getKey().indexOf(':'));
            String out = output.get(deviceName);
            assertThat(out).as(out).startsWith("exit 0");
            boolean udevSet = Stream.of(out.split("\n")).anyMatch(l -> l.strip().equals(key + "=1"));
            assertThat(e.getValue()).as("matcher vs udevadm test for %s", e.getKey()).isEqualTo(udevSet);
        }
        String disk = output.get(loop);
        assertThat(disk).contains("JTS_PROBE_AFTER=1").doesNotContain("JTS_PROBE_SKIPPED=1");
        // the point of the exercise: a missing attribute fails the rule with != as well
        assertThat(predicted.entrySet().stream().filter(e -> e.getKey().contains("ATTR{doesnotexist}!=")))
                .allSatisfy(e -> assertThat(e.getValue()).isFalse());
    }
}
