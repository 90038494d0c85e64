package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jts.fleet.inventory.DeviceClass;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gather script and parser on real kernel objects: a partitioned loop device ({@code losetup -P}) with a
 * mounted ext4, checked against {@code lsblk -J -O -b}. Made and removed by {@link LoopDevices}.
 */
class LoopDevicesIT {
    @TempDir
    Path tmp;

    @Test
    void partitionedLoopDeviceWithMountedExt4() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("losetup");
        Environment.requireTool("sfdisk");
        Environment.requireTool("partx");
        Environment.requireTool("mkfs.ext4");
        Path lsblk = Environment.requireTool("lsblk");
        // attach waits for the partitions (partx -a where the kernel has no msdos partition parser)
        try (LoopDevices loops = new LoopDevices(tmp)) {
            String name = loops.attach("disk", 64L << 20, "label: dos\n,32M,L\n,,L\n");
            String loop = "/dev/" + name;
            Path partition = Path.of("/sys/block", name, name + "p1", "partition");
            assertThat(partition).as("%s after partscan / partx -a", partition).exists();
            assertThat(appears(Path.of(loop + "p1"), 50)).as("%sp1 device node", loop).isTrue();
            loops.mkfs(name + "p1", "ext4");
            Path mnt = loops.mount(name + "p1", "mnt point", "-t", "ext4");

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
                    LoopDevices.run(lsblk.toString(), "-J", "-O", "-b", loop));
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
}
