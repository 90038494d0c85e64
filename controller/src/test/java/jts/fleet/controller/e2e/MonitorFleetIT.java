package jts.fleet.controller.e2e;

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

import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.monitor.MonitorUnits;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;

/**
 * {@code monitor install} through the built launcher over real sshd, two hosts that each have files of their own:
 * each host is an sshd in a private mount namespace whose /etc, /usr/local and /var/lib are overlays (a sudo login
 * installs at the real paths; this machine's files stay as they were), with ext4 filesystems on loop devices in a
 * canary tier. After a reboot (a kernel or package upgrade) the same filesystems come up mounted in another order:
 * the config followed /proc/self/mountinfo's order (and put the canary on the first mount of a device), so every
 * host was reported changed although nothing had. Cleans up: sshd and its namespaces, mounts, loop devices.
 */
class MonitorFleetIT {
    @TempDir
    static Path dir;
    static LoopDevices loops;
    static SshdFixture first;
    static SshdFixture second;
    static String loopA;
    static Path mountA;
    static Path mountB;
    static Path bindA;
    static String loopC;
    static Path mountC;
    static Launcher jts;
    static Path inventory;
    static boolean hostHadConfig;

    @BeforeAll
    static void start() throws Exception {
        Launcher.requireBuilt();
        SshdFixture.require();
        Environment.requireTool("unshare");
        Environment.requireTool("nsenter");
        Environment.requireTool("sudo");
        hostHadConfig = Files.exists(Path.of(MonitorUnits.CONFIG));
        loops = new LoopDevices(dir);
        LoopDevices.Filesystem a = loops.filesystem("a-mnt", 64L << 20, "ext4");
        loopA = a.device();
        mountA = a.mount();
        mountB = loops.filesystem("b-mnt", 64L << 20, "ext4").mount();
        bindA = loops.bindMount(mountA, "a-bind");
        loopC = loops.attach("c", 64, false); // not mounted here: only on the second host, later
        loops.mkfs(loopC, "ext4");
        mountC = Files.createDirectories(dir.resolve("c-mnt")); // mounted later, on the second host only
        // the namespaces take copies of the mounts above: start them now
        first = SshdFixture.builder().mountNamespace(dir.resolve("first")).sudoUser().start();
        second = SshdFixture.builder().mountNamespace(dir.resolve("second")).sudoUser().start();
        jts = new Launcher(dir).env("NO_COLOR", "1");
        inventory = Files.writeString(dir.resolve("inventory.yaml"), "hosts:\n"
                + first.sudoHostEntry("h1") + second.sudoHostEntry("h2")
                + "policy:\n"
                + "  tiers:\n"
                + "    - name: hot\n"
                + "      match:\n"
                + "        mounts: [\"" + mountA + "\", \"" + mountB + "\", \"" + bindA + "\", \"" + mountC + "\"]\n"
                + "      canary: true\n");
    }

    @AfterAll
    static void stop() {
        // the namespaces end with their sshd; then the mounts and loop devices of this machine
        for (SshdFixture sshd : new SshdFixture[] {first, second}) {
            if (sshd != null) {
                sshd.close();
            }
        }
        if (loops != null) {
            loops.close();
        }
    }

    /** Each host's entry of {@code monitor install -o json}, by host name. */
    private static Map<String, JsonNode> install() throws Exception {
        Launcher.Result run = jts.run("monitor", "install", "--yes", "--inventory", inventory.toString(), "-o", "json");
        assertThat(run.exit()).as(run.toString()).isZero();
        Map<String, JsonNode> hosts = new HashMap<>();
        JsonSchemas.validate("fleet-run", run.out()).path("hosts").forEach(h -> hosts.put(h.path("host").asText(), h));
        assertThat(hosts).as(run.toString()).containsOnlyKeys("h1", "h2");
        return hosts;
    }

    /** Each pushed file's change word, by path. */
    private static Map<String, String> changes(JsonNode host) {
        Map<String, String> changes = new HashMap<>();
        host.path("files").forEach(f -> changes.put(f.path("path").asText(), f.path("change").asText()));
        return changes;
    }

    private static String config(SshdFixture host) throws Exception {
        return Files.readString(host.writtenAt(MonitorUnits.CONFIG));
    }

    @Test
    void mountsComingUpInAnotherOrderChangeNothingWhileANewMountChangesItsHost() throws Exception {
        Map<String, JsonNode> installed = install();
        for (String host : List.of("h1", "h2")) {
            assertThat(installed.get(host).path("status").asText()).as(host).isEqualTo("changed");
            assertThat(changes(installed.get(host)).values()).as(host).containsOnly("installed");
        }
        String firstConfig = config(first);
        assertThat(firstConfig).contains(mountA.toString()).contains(mountB.toString()).contains(bindA.toString())
                .doesNotContain(mountC.toString());
        assertThat(firstConfig.lines().filter(l -> l.startsWith("canary\t"))).as("one per filesystem: %s", firstConfig)
                .containsExactly("canary\t" + bindA + "\thot", "canary\t" + mountB + "\thot");

        // what a reboot does to the first host: the same filesystems, mounted in another order (a comes last now,
        // after its own bind mount); the second host gets a new filesystem in the tier
        first.inMountNamespace("umount", mountA.toString());
        first.inMountNamespace("mount", "/dev/" + loopA, mountA.toString());
        assertThat(first.inMountNamespace("findmnt", "-rn", "-o", "TARGET").lines()
                .filter(t -> t.equals(mountA.toString()) || t.equals(bindA.toString())))
                .as("the bind mount now comes first").containsExactly(bindA.toString(), mountA.toString());
        second.inMountNamespace("mount", "/dev/" + loopC, mountC.toString());

        Map<String, JsonNode> again = install();
        assertThat(again.get("h1").path("status").asText()).as("h1: the same mounts: %s", again.get("h1"))
                .isEqualTo("ok");
        assertThat(changes(again.get("h1")).values()).as("h1").containsOnly("unchanged");
        assertThat(config(first)).as("h1's config as it was").isEqualTo(firstConfig);
        assertThat(again.get("h2").path("status").asText()).as("h2: a new mount: %s", again.get("h2"))
                .isEqualTo("changed");
        assertThat(changes(again.get("h2"))).as("h2: only its config").containsEntry(MonitorUnits.CONFIG, "installed")
                .containsEntry(MonitorUnits.SCRIPT, "unchanged").containsEntry(MonitorUnits.SERVICE, "unchanged")
                .containsEntry(MonitorUnits.TIMER, "unchanged");
        assertThat(config(second)).contains("mount\t" + mountC + "\t" + loopC + "\thot\text4");

        assertThat(Files.exists(Path.of(MonitorUnits.CONFIG))).as("this machine's /etc untouched")
                .isEqualTo(hostHadConfig);
    }
}
