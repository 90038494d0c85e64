package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.Schedulers;

/**
 * The commands that change hosts, through the built launcher over a real sshd (a sudo login on 127.0.0.1)
 * against a real loop device: plan, apply, verify (0, then 3 on drift), a held lock (4), rollback. The JSON of
 * each is validated against docs/schema. The host is an sshd in a private mount namespace whose /etc and /var/lib
 * are overlays: the rules file, the state and the host's change records land in the test's directory, never in
 * this machine's /etc/udev/rules.d or /var/lib/jts-fleet (the loop device's queue is this machine's: sysfs is
 * shared). Cleans up what it did: the rollback puts the queue back, the namespace ends with its sshd.
 */
class SshFleetIT {
    static final String STATE_DIR = "/var/lib/jts-fleet";
    static final String RULES = "/etc/udev/rules.d/60-jts-fleet.rules";
    @TempDir
    static Path dir;
    static SshdFixture sshd;
    static LoopDevices loops;
    static String loop;
    static Path queue;
    static String schedulerBefore;
    static String target;
    static Path inventory;
    static Launcher jts;
    static final String CHANGES = STATE_DIR + "/changes.jsonl";

    @BeforeAll
    static void start() throws Exception {
        Launcher.requireBuilt();
        Environment.requireTool("sudo");
        Environment.requireTool("losetup");
        Environment.requireTool("unshare");
        Environment.requireTool("nsenter");
        SshdFixture.require();
        sshd = SshdFixture.builder().mountNamespace(dir.resolve("host")).sudoUser().start();
        loops = new LoopDevices(dir);
        loop = loops.attach("e2e", 64, false);
        queue = Path.of("/sys/block", loop, "queue");
        schedulerBefore = Files.readString(queue.resolve("scheduler"));
        target = Schedulers.ofDevice(loop).requireTwo().otherThanActive();
        inventory = Files.writeString(dir.resolve("inv.yaml"), "hosts:\n"
                + sshd.sudoHostEntry("box")
                + "policy:\n"
                + "  tiers:\n"
                + "    - name: bench\n"
                + "      match: {devices: [\"" + loop + "\"]}\n"
                + "      queue: {scheduler: " + target + ", read_ahead_kb: 768}\n");
        jts = new Launcher(dir).env("NO_COLOR", "1");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (inventory != null) {
                jts.run("rollback", "--inventory", inventory.toString());
            }
        } finally {
            try {
                if (sshd != null) {
                    sshd.close();
                }
            } finally {
                if (loops != null) {
                    loops.close();
                }
            }
        }
    }

    private static Launcher.Result run(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--inventory";
        all[args.length + 1] = inventory.toString();
        return jts.run(all);
    }

    @Test
    void planApplyVerifyDriftLockRollback() throws Exception {
        Launcher.Result plan = run("plan", "-o", "json");
        assertThat(plan.exit()).as(plan.toString()).isZero();
        assertThat(JsonSchemas.validate("plan", plan.out()).toString()).contains(loop).contains(target);

        Launcher.Result apply = run("apply");
        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(apply.out()).as("every step line names its host").contains("box: changed " + loop + " scheduler");
        assertThat(Files.readString(queue.resolve("scheduler"))).contains("[" + target + "]");

        Launcher.Result verify = run("verify", "-o", "json");
        assertThat(verify.exit()).as(verify.toString()).isZero();
        JsonSchemas.validate("fleet-run", verify.out());
        Files.writeString(queue.resolve("read_ahead_kb"), "4096");
        Launcher.Result drift = run("verify");
        assertThat(drift.exit()).as(drift.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(drift.out()).contains(loop).contains("read_ahead_kb").contains("768").contains("4096");

        // another run holds the host's lock: refused (4), nothing touched, the other run's lock stays
        Process holder = new ProcessBuilder("sleep", "120").start();
        String lock = STATE_DIR + "/.lock";
        try {
            sshd.inMountNamespace("sh", "-c", "mkdir -p \"$1\" && echo \"$2\" > \"$1/pid\"", "sh", lock,
                    Long.toString(holder.pid()));
            Launcher.Result locked = run("rollback", "-o", "json");
            assertThat(locked.exit()).as(locked.toString()).isEqualTo(ExitCodes.REFUSED);
            JsonNode doc = JsonSchemas.validate("rollout", locked.out());
            assertThat(doc.at("/hosts/0/failure").asText()).isEqualTo("refused");
            assertThat(locked.err()).contains("another jts-fleet apply or rollback is running (pid " + holder.pid());
            assertThat(Files.readString(queue.resolve("read_ahead_kb")).strip()).isEqualTo("4096");
        } finally {
            holder.destroy();
            sshd.inMountNamespace("rm", "-rf", "--", lock);
        }

        Launcher.Result rollback = run("rollback", "-o", "json");
        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        JsonSchemas.validate("rollout", rollback.out());
        assertThat(Files.readString(queue.resolve("scheduler"))).isEqualTo(schedulerBefore);
        assertThat(sshd.inMountNamespace("sh", "-c", "ls -A \"$1\" \"$2\" 2>&1 || true", "sh", RULES,
                STATE_DIR + "/state.json")).as("rules file and state removed on the host")
                .contains(RULES + "': No such file").contains("state.json': No such file");

        // change records on both sides: the controller's file and the host's own (written over sshd by the host
        // scripts, as root through sudo), the same runs with the scheduler's before and after as the host showed
        Launcher.Result controller = run("history", "-o", "json");
        assertThat(controller.exit()).as(controller.toString()).isZero();
        JsonNode changes = JsonSchemas.validate("history", controller.out()).path("changes");
        // newest first: this test's runs (the other test of this class may have left older ones)
        assertThat(changes).extracting(e -> e.path("command").asText() + " " + e.path("status").asText())
                .startsWith("rollback changed", "rollback refused", "apply changed");
        String before = schedulerBefore.replaceAll("(?s).*\\[(.*)\\].*", "$1");
        Launcher.Result hosts = run("history", "--from-hosts", "-o", "json");
        assertThat(hosts.exit()).as(hosts.toString()).isZero();
        JsonNode fromHost = JsonSchemas.validate("history", hosts.out()).path("changes");
        for (int i : new int[] {0, 2}) {
            JsonNode mine = changes.get(i);
            JsonNode theirs = null;
            for (JsonNode e : fromHost) {
                if (e.path("run_id").asText().equals(mine.path("run_id").asText())) {
                    theirs = e;
                }
            }
            assertThat(theirs).as("the host recorded run %s: %s", mine.path("run_id").asText(), hosts.out()).isNotNull();
            assertThat(theirs.path("status").asText()).isEqualTo("changed");
            assertThat(theirs.path("operator").path("ssh_user").asText()).isEqualTo(SshdFixture.SUDO_USER);
            String expected = i == 2 ? before + " -> " + target + " (changed)" : target + " -> " + before + " (rolled-back)";
            for (JsonNode side : new JsonNode[] {mine, theirs}) {
                assertThat(side.path("changes")).as(side.toPrettyString())
                        .filteredOn(c -> c.path("target").asText().equals(loop)
                                && c.path("attribute").asText().equals("scheduler"))
                        .extracting(c -> c.path("before").asText() + " -> " + c.path("after").asText() + " ("
                                + c.path("result").asText() + ")")
                        .containsExactly(expected);
            }
        }
        assertThat(Files.readAllLines(sshd.writtenAt(CHANGES))).as("the host's file, this class's runs only")
                .hasSizeGreaterThanOrEqualTo(4).allSatisfy(l -> JsonSchemas.validate("change-record", l));
        Path real = Path.of(CHANGES);
        assertThat(Files.exists(real) ? Files.readString(real) : "").as("this machine's %s", real)
                .doesNotContain(changes.get(0).path("run_id").asText()).doesNotContain(inventory.toString());
    }

    /** A plan apply would refuse: the recap says failed and the exit is 10, in text and JSON alike. */
    @Test
    void invalidPlanIsAFailedHostInTheRecapAndTheExitCode() throws Exception {
        // a scheduler the device lacks (where there is one) and a request size above what the hardware takes
        // (where the policy's range allows one): the plan is invalid either way, on any kernel
        Schedulers offered = Schedulers.ofDevice(loop);
        long hardware = Long.parseLong(Files.readString(queue.resolve("max_hw_sectors_kb")).strip());
        Environment.require(hardware < 65536 || offered.notOffered().isPresent(),
                "the loop device lacks a scheduler or takes requests below 64 MiB");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), Files.readString(inventory)
                .replace("scheduler: " + target, "scheduler: " + offered.notOffered().orElse(target))
                .replace("read_ahead_kb: 768", "max_sectors_kb: " + Math.min(65536, hardware * 2)));
        Launcher.Result text = jts.run("plan", "--inventory", bad.toString());
        assertThat(text.exit()).as(text.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(text.out()).contains("box  ok=0  changed=0  unreachable=0  failed=1");
        Launcher.Result json = jts.run("plan", "--inventory", bad.toString(), "-o", "json");
        assertThat(json.exit()).isEqualTo(ExitCodes.HOST_FAILED);
        JsonNode doc = JsonSchemas.validate("plan", json.out());
        assertThat(doc.at("/recap/failed").asInt()).isEqualTo(1);
        assertThat(doc.at("/hosts/0/valid").asBoolean()).as("the plan is still shown").isFalse();

        String before = Files.readString(queue.resolve("scheduler"));
        Launcher.Result apply = jts.run("apply", "--inventory", bad.toString(), "-o", "json");
        assertThat(apply.exit()).as(apply.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(apply.err()).contains("box").contains("nothing touched");
        assertThat(Files.readString(queue.resolve("scheduler"))).as("the host is untouched").isEqualTo(before);
    }
}
