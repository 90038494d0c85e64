package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.testing.LoopDevices;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.Schedulers;

/**
 * plan → apply → apply again → verify → drift → rollback through the CLI and a real sshd, as a non-root user
 * with passwordless sudo, on a real loop device selected by name. Nothing else on the machine is in a tier.
 */
class TuningCliIT {
    @TempDir
    static Path dir;

    static SshdFixture sshd;
    static LoopDevices loops;
    static String loop;
    static Path queue;
    static String schedulerBefore;
    static String readAheadBefore;
    static Path inventory;
    /** A scheduler the loop device offers and does not use now: applying it is a real change. */
    static String target;

    @BeforeAll
    static void start() throws Exception {
        Environment.requireRoot();
        Environment.requireTool("sshd");
        Environment.requireTool("sudo");
        sshd = SshdFixture.start(1);
        sshd.addUser(SshdFixture.SUDO_USER, true);
        Path known = sshd.writeKnownHosts();
        loops = new LoopDevices(dir);
        loop = loops.attach("tune", 64, false);
        queue = Path.of("/sys/block", loop, "queue");
        schedulerBefore = Files.readString(queue.resolve("scheduler"));
        readAheadBefore = Files.readString(queue.resolve("read_ahead_kb"));
        target = Schedulers.ofDevice(loop).requireTwo().otherThanActive();
        inventory = Files.writeString(dir.resolve("inv.yaml"), "hosts:\n"
                + "  box:\n"
                + "    address: 127.0.0.1\n"
                + "    port: " + sshd.ports().get(0) + "\n"
                + "    user: " + SshdFixture.SUDO_USER + "\n"
                + "    become: sudo\n"
                + "    identity_file: \"" + sshd.ed25519Identity() + "\"\n"
                + "    known_hosts: \"" + known + "\"\n"
                + "policy:\n"
                + "  tiers:\n"
                + "    - name: bench\n"
                + "      match: {devices: [\"" + loop + "\"]}\n"
                + "      queue: {scheduler: " + target + ", read_ahead_kb: 768}\n");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (inventory != null) {
                CliRun.of("rollback", "--inventory", inventory.toString());
            }
        } finally {
            if (loops != null) {
                loops.close();
            }
            if (sshd != null) {
                sshd.close();
            }
        }
    }

    @Test
    void applyVerifyDriftRollback() throws Exception {
        CliRun plan = CliRun.of("plan", "--inventory", inventory.toString(), "-o", "json");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains(loop).contains(target);

        CliRun apply = CliRun.of("apply", "--inventory", inventory.toString(), "-o", "json");
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(Json.MAPPER.readTree(apply.out()).path("hosts").get(0).path("status").asText()).isEqualTo("changed");
        assertThat(Files.readString(queue.resolve("scheduler"))).contains("[" + target + "]");
        assertThat(Files.readString(queue.resolve("read_ahead_kb")).strip()).isEqualTo("768");

        CliRun again = CliRun.of("apply", "--inventory", inventory.toString(), "-o", "json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(Json.MAPPER.readTree(again.out()).path("hosts").get(0).path("status").asText())
                .as("same policy twice changes nothing").isEqualTo("ok");

        CliRun clean = CliRun.of("verify", "--inventory", inventory.toString());
        assertThat(clean.exitCode()).as(clean.toString()).isZero();

        Files.writeString(queue.resolve("read_ahead_kb"), "4096");
        CliRun drift = CliRun.of("verify", "--inventory", inventory.toString(), "-o", "json");
        assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(ExitCodes.DRIFT);
        JsonNode host = Json.MAPPER.readTree(drift.out()).path("hosts").get(0);
        assertThat(host.toString()).contains(loop).contains("read_ahead_kb").contains("768").contains("4096");

        CliRun rollback = CliRun.of("rollback", "--inventory", inventory.toString());
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(Files.readString(queue.resolve("scheduler"))).isEqualTo(schedulerBefore);
        assertThat(Files.readString(queue.resolve("read_ahead_kb"))).isEqualTo(readAheadBefore);
        assertThat(Path.of("/etc/udev/rules.d/60-jts-fleet.rules")).doesNotExist();
        assertThat(Path.of("/var/lib/jts-fleet/state.json")).doesNotExist();
    }

    @Test
    void invalidValueLeavesTheHostUntouched() throws Exception {
        // a scheduler the device lacks (where there is one) and a request size above what the hardware takes
        // (where the policy's range allows one): the plan is invalid either way
        long hardware = Long.parseLong(Files.readString(queue.resolve("max_hw_sectors_kb")).strip());
        Environment.require(hardware < 65536 || Schedulers.ofDevice(loop).notOffered().isPresent(),
                "the loop device lacks a scheduler or takes requests below 64 MiB");
        long tooBig = Math.min(65536, hardware * 2);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), Files.readString(inventory)
                .replace("scheduler: " + target, "scheduler: " + Schedulers.ofDevice(loop).notOffered().orElse(target))
                .replace("read_ahead_kb: 768", "max_sectors_kb: " + tooBig));
        String before = Files.readString(queue.resolve("scheduler"));
        CliRun apply = CliRun.of("apply", "--inventory", bad.toString(), "-o", "json");
        assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(apply.err()).contains("box");
        assertThat(Files.readString(queue.resolve("scheduler"))).isEqualTo(before);
    }
}
