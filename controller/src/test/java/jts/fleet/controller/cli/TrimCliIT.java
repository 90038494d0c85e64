package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.testing.Environment;

/**
 * {@code jts-fleet trim} end to end through real sshd to this machine: ext4 and xfs on loop devices, a bind
 * mount, a tmpfs and a missing path, all in a trim tier. The backing files really shrink.
 */
class TrimCliIT {
    @TempDir
    static Path dir;

    static SshdFixture sshd;
    static LoopDevices loops;
    static Path ext4;
    static Path xfs;
    static Path bind;
    static Path tmpfs;
    static Map<String, String> rotationalSeen = new HashMap<>();
    static final Path TRIM_LOG = Path.of("/var/lib/jts-fleet/trim.jsonl");
    static byte[] trimLogBefore;
    /** Whether /var/lib/jts-fleet existed before the test; null until recorded (then cleanup touches nothing). */
    static Boolean stateDirExisted;

    @BeforeAll
    static void start() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("sshd");
        Environment.requireTool("mkfs.xfs");
        Environment.requireTool("fstrim");
        stateDirExisted = Files.isDirectory(TRIM_LOG.getParent());
        trimLogBefore = Files.exists(TRIM_LOG) ? Files.readAllBytes(TRIM_LOG) : null;
        sshd = SshdFixture.start(1);
        sshd.writeKnownHosts();
        loops = new LoopDevices(dir);
        String ext4Loop = loops.attach("ext4", 512, false);
        String xfsLoop = loops.attach("xfs", 512, false);
        for (String loop : List.of(ext4Loop, xfsLoop)) {
            // as the kernel set them (this machine's kernel says rotational=1): discard capability decides
            rotationalSeen.put(loop, Files.readString(Path.of("/sys/block", loop, "queue", "rotational")).strip());
        }
        loops.mkfs(ext4Loop, "ext4");
        loops.mkfs(xfsLoop, "xfs");
        ext4 = loops.mount(ext4Loop, "ext4-mnt");
        xfs = loops.mount(xfsLoop, "xfs-mnt");
        bind = loops.bindMount(ext4, "ext4-bind");
        tmpfs = loops.mount("tmpfs", "tmpfs-mnt", "-t", "tmpfs");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            // leave this machine's run record as it was, whatever happens below; undo only what this test did
            if (stateDirExisted == null) {
                return; // skipped before it recorded anything: nothing of ours to undo
            } else if (!stateDirExisted) {
                LoopDevices.run("rm", "-rf", "--", TRIM_LOG.getParent().toString()); // log and lock file
            } else if (trimLogBefore == null) {
                Files.deleteIfExists(TRIM_LOG);
            } else {
                Files.write(TRIM_LOG, trimLogBefore);
            }
        } finally {
            try {
                if (loops != null) {
                    loops.close();
                }
            } finally {
                if (sshd != null) {
                    sshd.close();
                }
            }
        }
    }

    private Path inventory(String name, String blackout) throws Exception {
        String yaml = "hosts:\n"
                + "  box:\n"
                + "    address: 127.0.0.1\n"
                + "    port: " + sshd.ports().get(0) + "\n"
                + "    user: root\n"
                + "    become: none\n"
                + "    identity_file: \"" + sshd.ed25519Identity() + "\"\n"
                + "    known_hosts: \"" + sshd.directory().resolve("known_hosts") + "\"\n"
                + "policy:\n"
                + "  tiers:\n"
                + "    - name: hot\n"
                + "      match:\n"
                + "        mounts: [\"" + ext4 + "\", \"" + xfs + "\", \"" + bind + "\", \"" + tmpfs + "\", \""
                + dir.resolve("does-not-exist") + "\"]\n"
                + "      trim: true\n"
                + "  maintenance:\n"
                + "    trim_schedule: \"Sat *-*-* 03:00:00\"\n"
                + blackout;
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static void churn(Path mount) throws Exception {
        Path file = mount.resolve("churn.bin");
        LoopDevices.run("dd", "if=/dev/urandom", "of=" + file, "bs=1M", "count=200", "conv=fsync", "status=none");
        Files.delete(file);
        LoopDevices.run("sync");
    }

    private static long allocatedBytes(Path file) throws Exception {
        return Long.parseLong(LoopDevices.run("stat", "-c", "%b", file.toString()).strip()) * 512;
    }

    @Test
    void blackoutRefusesThenForceTrimsEachFilesystemOnce() throws Exception {
        churn(ext4);
        churn(xfs);
        long ext4Before = allocatedBytes(loops.backingFile("ext4"));
        long xfsBefore = allocatedBytes(loops.backingFile("xfs"));

        Path always = inventory("blackout.yaml", "    blackout:\n"
                + "      - {days: [mon, tue, wed, thu, fri, sat, sun], from: \"00:00\", to: \"23:59\", timezone: UTC}\n"
                + "      - {days: [mon, tue, wed, thu, fri, sat, sun], from: \"23:59\", to: \"00:00\", timezone: UTC}\n");
        CliRun refused = CliRun.of("trim", "--inventory", always.toString(), "-o", "json");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(allocatedBytes(loops.backingFile("ext4"))).isEqualTo(ext4Before);
        assertThat(allocatedBytes(loops.backingFile("xfs"))).isEqualTo(xfsBefore);

        CliRun forced = CliRun.of("trim", "--force", "--inventory", always.toString(), "-o", "json");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        JsonNode host = Json.MAPPER.readTree(forced.out()).path("hosts").get(0);
        assertThat(host.path("status").asText()).as(forced.toString()).isEqualTo("changed");
        Map<String, JsonNode> byMount = new HashMap<>();
        host.path("filesystems").forEach(f -> byMount.put(f.path("mount").asText(), f));
        assertThat(byMount).as(forced.toString()).containsKeys(ext4.toString(), xfs.toString(), bind.toString(),
                tmpfs.toString(), dir.resolve("does-not-exist").toString());
        assertThat(byMount.get(ext4.toString()).path("result").asText()).isEqualTo("ok");
        assertThat(byMount.get(xfs.toString()).path("result").asText()).isEqualTo("ok");
        assertThat(byMount.get(bind.toString()).path("result").asText()).isEqualTo("skipped");
        assertThat(byMount.get(tmpfs.toString()).path("result").asText()).isEqualTo("skipped");
        assertThat(byMount.get(dir.resolve("does-not-exist").toString()).path("result").asText()).isEqualTo("skipped");
        for (String skipped : List.of(bind.toString(), tmpfs.toString(), dir.resolve("does-not-exist").toString())) {
            assertThat(byMount.get(skipped).path("reason").asText()).as(skipped).isNotBlank();
        }
        System.out.println("TrimCliIT: loop devices rotational=" + rotationalSeen + ", backing files " + (ext4Before >> 20)
                + " -> " + (allocatedBytes(loops.backingFile("ext4")) >> 20) + " MiB (ext4), " + (xfsBefore >> 20) + " -> "
                + (allocatedBytes(loops.backingFile("xfs")) >> 20) + " MiB (xfs)");
        assertThat(allocatedBytes(loops.backingFile("ext4"))).as("ext4 backing file shrinks")
                .isLessThan(ext4Before - 100L * 1024 * 1024);
        assertThat(allocatedBytes(loops.backingFile("xfs"))).as("xfs backing file shrinks")
                .isLessThan(xfsBefore - 100L * 1024 * 1024);
    }

    @Test
    void renderSystemdWritesBothUnits() throws Exception {
        Path out = dir.resolve("units");
        CliRun run = CliRun.of("render", "systemd", "--host", "box", "--inventory",
                inventory("render.yaml", "").toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.readString(out.resolve("jts-fstrim.timer"))).contains("OnCalendar=Sat *-*-* 03:00:00")
                .contains("Persistent=true");
        List<String> service = Files.readAllLines(out.resolve("jts-fstrim.service"));
        assertThat(service).contains("Type=oneshot");
        assertThat(service).as("ProtectSystem= makes FITRIM fail").noneMatch(l -> l.startsWith("ProtectSystem="));
    }
}
