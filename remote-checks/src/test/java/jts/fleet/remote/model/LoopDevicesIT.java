package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jts.fleet.inventory.DeviceClass;
import jts.fleet.remote.testing.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gather script and parser on real kernel objects: a partitioned loop device ({@code losetup -P}) with a
 * mounted ext4, checked against {@code lsblk -J -O -b}. Everything created here is removed in finally blocks.
 */
class LoopDevicesIT {
    @TempDir
    Path tmp;

    @Test
    void partitionedLoopDeviceWithMountedExt4() throws Exception {
        Environment.requireRoot();
        Path losetup = Environment.requireTool("losetup");
        Path sfdisk = Environment.requireTool("sfdisk");
        Path mkfs = Environment.requireTool("mkfs.ext4");
        Path lsblk = Environment.requireTool("lsblk");
        Path image = tmp.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        run(List.of(sfdisk.toString(), "--quiet", image.toString()), "label: dos\n,32M,L\n,,L\n");
        String loop = run(List.of(losetup.toString(), "--find", "--show", "--partscan", image.toString()), "").trim();
        Environment.require(loop.matches("/dev/loop\\d+"), "losetup gave a loop device: " + loop);
        String name = loop.substring("/dev/".length());
        Path mnt = Files.createDirectories(tmp.resolve("mnt point"));
        boolean mounted = false;
        try {
            Path partition = Path.of("/sys/block", name, name + "p1", "partition");
            if (!appears(partition, 20)) {
                // kernels built without the msdos partition parser ignore --partscan: add them via BLKPG
                run(List.of(Environment.requireTool("partx").toString(), "-a", loop), "");
            }
            assertThat(appears(partition, 50)).as("%s after partscan / partx -a", partition).isTrue();
            assertThat(appears(Path.of(loop + "p1"), 50)).as("%sp1 device node", loop).isTrue();
            run(List.of(mkfs.toString(), "-q", "-F", loop + "p1"), "");
            run(List.of("mount", "-t", "ext4", loop + "p1", mnt.toString()), "");
            mounted = true;

            Fixtures.ScriptRun gather = Fixtures.runGather(tmp);
            assertThat(gather.exit()).as("stderr: %s", gather.stderr()).isZero();
            HostSnapshot s = GatherParser.parse("local", gather.stdout());

            BlockDevice disk = s.device(name).orElseThrow();
            assertThat(disk.deviceClass()).isEqualTo(DeviceClass.LOOP);
            assertThat(disk.devType()).isEqualTo(BlockDevice.DISK);
            assertThat(s.partitions(name)).extracting(BlockDevice::name).containsExactly(name + "p1", name + "p2");
            assertThat(s.leafDevices(name + "p2")).containsExactly(name);
            Mount mount = s.mount(mnt.toString()).orElseThrow();
            assertThat(mount.device()).contains(name + "p1");
            assertThat(mount.leafDevices()).containsExactly(name);
            assertThat(mount.fstype()).isEqualTo("ext4");

            JsonNode lsblkJson = new ObjectMapper().readTree(
                    run(List.of(lsblk.toString(), "-J", "-O", "-b", loop), ""));
            List<JsonNode> lsblkDevices = new ArrayList<>();
            flatten(lsblkJson.get("blockdevices"), lsblkDevices);
            assertThat(lsblkDevices).hasSize(3);
            for (JsonNode l : lsblkDevices) {
                BlockDevice d = s.device(l.get("name").asText()).orElseThrow();
                assertThat(d.sizeBytes()).as("size of %s", d.name()).hasValue(l.get("size").asLong());
                assertThat(d.majorMinor()).as("maj:min of %s", d.name()).contains(l.get("maj:min").asText());
                assertThat(d.logicalBlockSize()).as("log-sec of %s", d.name()).hasValue(l.get("log-sec").asLong());
                assertThat(d.parent().orElse(null)).as("parent of %s", d.name())
                        .isEqualTo(l.path("pkname").isNull() ? null : l.path("pkname").asText(null));
                assertThat(d.readOnly()).as("ro of %s", d.name()).isEqualTo(l.get("ro").asBoolean());
                String lsblkMount = l.path("mountpoint").asText(null);
                List<String> ours = s.mounts().stream().filter(m -> m.device().filter(d.name()::equals).isPresent())
                        .map(Mount::path).toList();
                if (lsblkMount != null) {
                    assertThat(ours).as("mounts of %s", d.name()).contains(lsblkMount);
                } else {
                    assertThat(ours).as("mounts of %s", d.name()).isEmpty();
                }
                if (!d.isPartition()) {
                    assertThat(d.scheduler().map(Scheduler::current).orElse(null)).as("sched of %s", d.name())
                            .isEqualTo(l.path("sched").asText(null));
                    assertThat(d.rotational()).as("rota of %s", d.name()).contains(l.get("rota").asBoolean());
                }
            }
        } finally {
            if (mounted) {
                run(List.of("umount", mnt.toString()), "");
            }
            run(List.of(losetup.toString(), "-d", loop), "");
        }
    }

    private static void flatten(JsonNode devices, List<JsonNode> out) {
        for (JsonNode d : devices) {
            out.add(d);
            if (d.has("children")) {
                flatten(d.get("children"), out);
            }
        }
    }

    private static boolean appears(Path path, int tenthsOfSeconds) throws InterruptedException {
        for (int i = 0; i < tenthsOfSeconds && !Files.exists(path); i++) {
            Thread.sleep(100);
        }
        return Files.exists(path);
    }

    private String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "cmd", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 60 s");
        }
        String text = Files.readString(out);
        assertThat(p.exitValue()).as("%s: %s", command, text).isZero();
        return text;
    }
}
