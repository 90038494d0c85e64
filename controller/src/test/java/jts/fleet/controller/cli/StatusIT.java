package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.testing.FreePort;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.controller.testing.Sshd;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.model.SysrootTree;
import jts.fleet.remote.testing.Environment;

/**
 * {@code jts-fleet status} end to end through a real OpenSSH sshd on 127.0.0.1: one host reads a fixture
 * sysroot shaped like an NVMe database server, one reads this machine with real loop devices (its JSON must
 * agree with {@code lsblk -J -O -b}), one port is closed (unreachable), and another inventory points at a
 * wrong host key.
 */
class StatusIT {
    @TempDir
    static Path dir;

    @Sshd(hosts = 2)
    static SshdFixture sshd;
    static LoopDevices loops;
    static String plainLoop;
    static String partitionedLoop;
    static Path mounted;
    static Path knownHosts;
    static Path sysroot;

    @BeforeAll
    static void start() throws Exception {
        Environment.requireTool("losetup");
        knownHosts = sshd.writeKnownHosts();
        loops = new LoopDevices(dir);
        plainLoop = loops.attach("plain", 64, false);
        loops.mkfs(plainLoop, "ext4");
        mounted = loops.mount(plainLoop, "mnt-plain");
        partitionedLoop = loops.attach("parted", 96, true);
        sysroot = dir.resolve("sysroot-nvme");
        Path description = dir.resolve("nvme-db-host.tree");
        try (InputStream in = StatusIT.class.getResourceAsStream("/fixtures/nvme-db-host/sysroot.tree")) {
            assertThat(in).as("fixture tree on the test classpath").isNotNull();
            Files.copy(in, description);
        }
        SysrootTree.build(description, sysroot);
    }

    @AfterAll
    static void stop() {
        if (loops != null) {
            loops.close();
        }
    }

    private Path inventory(Path known) throws IOException {
        List<SshdFixture.InventoryHost> hosts = new ArrayList<>();
        hosts.add(new SshdFixture.InventoryHost("db-fixture", sshd.ports().get(0), "root", sshd.ed25519Identity(),
                false, Optional.of(sysroot), List.of("prod")));
        hosts.add(new SshdFixture.InventoryHost("this-machine", sshd.ports().get(1), "root", sshd.ed25519Identity(),
                false, Optional.empty(), List.of("prod")));
        hosts.add(new SshdFixture.InventoryHost("down", FreePort.unused(), "root", sshd.ed25519Identity(),
                false, Optional.empty(), List.of("prod")));
        return sshd.writeInventory(dir.resolve("inv-" + known.getFileName() + ".yaml"), hosts, known);
    }

    @Test
    void fleetStatusOverRealSsh() throws Exception {
        CliRun run = CliRun.of("status", "--inventory", inventory(knownHosts).toString(), "--hosts", "prod",
                "--connect-timeout", "3s", "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HOST_UNREACHABLE);
        JsonNode hosts = Json.MAPPER.readTree(run.out()).path("hosts");
        assertThat(hosts).hasSize(3);

        JsonNode fixture = hosts.get(0);
        assertThat(fixture.path("status").asText()).as(run.toString()).isEqualTo("ok");
        JsonNode nvme0 = device(fixture, "nvme0n1");
        assertThat(nvme0.path("class").asText()).isEqualTo("nvme");
        assertThat(nvme0.path("tier").asText()).isEqualTo("hot");
        assertThat(device(fixture, "nvme0n1p1").path("parent").asText()).isEqualTo("nvme0n1");

        JsonNode down = hosts.get(2);
        assertThat(down.path("status").asText()).isEqualTo("unreachable");
        assertThat(down.path("error").asText()).isNotBlank();
        assertThat(run.err()).contains("down: unreachable");

        JsonNode local = hosts.get(1);
        assertThat(local.path("status").asText()).as(run.toString()).isEqualTo("ok");
        agreesWithLsblk(local, plainLoop);
        agreesWithLsblk(local, partitionedLoop);
        JsonNode mount = null;
        for (JsonNode m : local.path("mounts")) {
            if (m.path("path").asText().equals(mounted.toString())) {
                mount = m;
            }
        }
        assertThat(mount).as("mount %s in %s", mounted, local.path("mounts")).isNotNull();
        assertThat(mount.path("fstype").asText()).isEqualTo("ext4");
        assertThat(mount.path("device").asText()).isEqualTo(plainLoop);
        assertThat(mount.path("network").asBoolean()).isFalse();
        for (JsonNode m : local.path("mounts")) {
            if (m.path("path").asText().equals("/")) {
                for (JsonNode leaf : m.path("leaf_devices")) {
                    assertThat(device(local, leaf.asText()).path("tier").isNull())
                            .as("the root disk %s stays unmanaged under the embedded policy", leaf).isTrue();
                }
            }
        }
    }

    @Test
    void wrongHostKeyIsRefusedWhileOthersSucceed() throws Exception {
        Path wrong = dir.resolve("known_hosts_wrong");
        Path otherKey = SshdFixture.generateKey(dir.resolve("other_host_key"), "ed25519");
        String otherPublic = Files.readString(Path.of(otherKey + ".pub")).strip().split(" ")[0] + " "
                + Files.readString(Path.of(otherKey + ".pub")).strip().split(" ")[1];
        List<String> lines = new ArrayList<>(Files.readAllLines(knownHosts));
        lines.set(0, "[127.0.0.1]:" + sshd.ports().get(0) + " " + otherPublic);
        Files.write(wrong, lines);
        CliRun run = CliRun.of("status", "--inventory", inventory(wrong).toString(), "--hosts", "prod:!down",
                "-o", "json", "--accept-new-host-keys");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        JsonNode hosts = Json.MAPPER.readTree(run.out()).path("hosts");
        assertThat(hosts.get(0).path("status").asText()).isEqualTo("failed");
        assertThat(hosts.get(0).path("failure").asText()).isEqualTo("host_key");
        assertThat(hosts.get(0).path("error").asText()).contains("SHA256:");
        assertThat(hosts.get(1).path("status").asText()).isEqualTo("ok");
        assertThat(Files.readAllLines(wrong)).as("a changed key is never recorded").isEqualTo(lines);
    }

    private static JsonNode device(JsonNode host, String name) {
        for (JsonNode d : host.path("devices")) {
            if (d.path("name").asText().equals(name)) {
                return d;
            }
        }
        throw new AssertionError("no device " + name + " in " + host.path("devices"));
    }

    private static void agreesWithLsblk(JsonNode host, String loop) throws Exception {
        JsonNode lsblk = Json.MAPPER.readTree(LoopDevices.run("lsblk", "-J", "-O", "-b", "/dev/" + loop))
                .path("blockdevices").get(0);
        List<JsonNode> expected = new ArrayList<>();
        expected.add(lsblk);
        lsblk.path("children").forEach(expected::add);
        for (JsonNode want : expected) {
            String name = want.path("kname").asText();
            JsonNode got = device(host, name);
            String what = name + ": lsblk " + want + "\n jts-fleet " + got;
            assertThat(got.path("size_bytes").asLong()).as(what).isEqualTo(want.path("size").asLong());
            assertThat(got.path("major_minor").asText()).as(what).isEqualTo(want.path("maj:min").asText());
            assertThat(got.path("read_only").asBoolean()).as(what).isEqualTo(want.path("ro").asBoolean());
            assertThat(got.path("logical_block_size").asLong()).as(what).isEqualTo(want.path("log-sec").asLong());
            assertThat(got.path("physical_block_size").asLong()).as(what).isEqualTo(want.path("phy-sec").asLong());
            assertThat(got.path("rotational").asBoolean()).as(what).isEqualTo(want.path("rota").asBoolean());
            if (want.path("pkname").isNull()) {
                assertThat(got.path("parent").isNull()).as(what).isTrue();
                assertThat(got.path("class").asText()).as(what).isEqualTo("loop");
                assertThat(got.path("scheduler").path("current").asText()).as(what).isEqualTo(want.path("sched").asText());
                assertThat(got.path("queue").path("read_ahead_kb").asLong()).as(what).isEqualTo(want.path("ra").asLong());
                assertThat(got.path("queue").path("nr_requests").asLong()).as(what).isEqualTo(want.path("rq-size").asLong());
                assertThat(got.path("discard").path("granularity_bytes").asLong()).as(what)
                        .isEqualTo(want.path("disc-gran").asLong());
                assertThat(got.path("discard").path("max_bytes").asLong()).as(what)
                        .isEqualTo(want.path("disc-max").asLong());
            } else {
                assertThat(got.path("parent").asText()).as(what).isEqualTo(want.path("pkname").asText());
                assertThat(got.path("dev_type").asText()).as(what).isEqualTo("part");
            }
            List<String> mountpoints = new ArrayList<>();
            want.path("mountpoints").forEach(m -> {
                if (!m.isNull()) {
                    mountpoints.add(m.asText());
                }
            });
            List<String> ours = new ArrayList<>();
            got.path("mounts").forEach(m -> ours.add(m.asText()));
            assertThat(ours).as(what).containsExactlyInAnyOrderElementsOf(mountpoints);
        }
        if (loop.equals(partitionedLoop)) {
            assertThat(expected).as("%s and its two partitions seen by lsblk", loop).hasSize(3);
        }
    }
}
