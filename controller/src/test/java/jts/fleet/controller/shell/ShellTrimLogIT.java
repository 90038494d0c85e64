package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.e2e.Launcher;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.remote.trim.TrimPaths;

/**
 * {@code run-check trim-log} in {@code jts-fleet shell} on a real pseudo-terminal (tmux), through the built launcher,
 * over real sshd: the one TRIM rule ({@code TrimVerdict}) as the shell words it, for four ext4 filesystems on loop
 * devices in a TRIM tier whose host history holds a recent success, a failed last run, a success older than the
 * tier's limit, and nothing. The host is an sshd in a private mount namespace with /var/lib as an overlay, so its
 * {@code trim.jsonl} (written there as jts-fstrim writes its lines) is not this machine's.
 */
class ShellTrimLogIT {
    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration STEP = Duration.ofSeconds(30);

    @TempDir
    static Path temp;
    static LoopDevices loops;
    static SshdFixture sshd;
    static Path inventory;
    static Path recent;
    static Path failed;
    static Path overdue;
    static Path never;

    @BeforeAll
    static void start() throws Exception {
        Launcher.requireBuilt();
        SshdFixture.require();
        Environment.requireTool("tmux");
        Environment.requireTool("unshare");
        Environment.requireTool("nsenter");
        Environment.requireTool("sudo");
        loops = new LoopDevices(temp);
        List<Path> mounts = new ArrayList<>();
        for (String name : List.of("recent", "failed", "overdue", "never")) {
            mounts.add(loops.filesystem(name + "-mnt", 64L << 20, "ext4").mount());
        }
        recent = mounts.get(0);
        failed = mounts.get(1);
        overdue = mounts.get(2);
        never = mounts.get(3);
        sshd = SshdFixture.builder().mountNamespace(temp.resolve("host")).sudoUser().start();

        // the host's history, as jts-fstrim appends it (oldest first): the newest record of a mount is its last run
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> lines = List.of(
                record(now.minus(Duration.ofDays(30)), overdue, "ok", 1 << 20, ""),
                record(now.minus(Duration.ofDays(3)), failed, "ok", 2 << 20, ""),
                record(now.minus(Duration.ofDays(2)), failed, "failed", 0,
                        "fstrim: the discard operation is not supported"),
                record(now.minus(Duration.ofHours(5)), recent, "ok", 3 << 20, ""));
        List<String> write = new ArrayList<>(List.of("sh", "-c",
                "mkdir -p \"${1%/*}\" && f=$1 && shift && printf '%s\\n' \"$@\" > \"$f\"", "sh", TrimPaths.RUN_LOG));
        write.addAll(lines);
        sshd.inMountNamespace(write.toArray(String[]::new));
        assertThat(sshd.inMountNamespace("cat", TrimPaths.RUN_LOG).lines()).as("the host's trim.jsonl")
                .containsExactlyElementsOf(lines);

        inventory = Files.writeString(temp.resolve("inventory.yaml"), "hosts:\n"
                + sshd.sudoHostEntry("db-01")
                + "policy:\n"
                + "  tiers:\n"
                + "    - name: hot\n"
                + "      match:\n"
                + "        mounts: [\"" + recent + "\", \"" + failed + "\", \"" + overdue + "\", \"" + never + "\"]\n"
                + "      trim: true\n"
                + "      thresholds: {trim_overdue_days: 7}\n");
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close(); // its namespace, with the history, ends with it
        }
        if (loops != null) {
            loops.close();
        }
    }

    /** One line of trim.jsonl in jts-fstrim's format. */
    private static String record(Instant time, Path mount, String result, long bytes, String reason) {
        return "{\"time\":\"" + time + "\",\"ts\":" + time.getEpochSecond() + ",\"host\":\"db-01\",\"mount\":\""
                + mount + "\",\"device\":\"\",\"majmin\":\"\",\"bytes\":" + bytes + ",\"duration_s\":1.5,\"result\":\""
                + result + "\",\"reason\":\"" + reason + "\",\"dry_run\":false}";
    }

    /** The screen's row for {@code mount}, its cells split on runs of spaces. */
    private static List<String> row(String screen, Path mount) {
        String line = screen.lines().filter(l -> l.contains(" " + mount + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + mount + " in:\n" + screen));
        return List.of(line.strip().split(" {2,}"));
    }

    @Test
    void runCheckTrimLogWarnsForAFailedAnOverdueAndAnUnrecordedTrim() throws Exception {
        try (Tmux tmux = Tmux.launcherShell("shell-trim-log-it", temp, inventory, 200)) {
            tmux.await("the first prompt", START, s -> s.stripTrailing().endsWith("jts-fleet[all]>"));
            tmux.type("run-check trim-log");
            tmux.keys("Enter");
            String screen = tmux.await("the findings", STEP, s -> s.contains(never.toString())
                    && s.stripTrailing().endsWith("jts-fleet[all]>"));

            assertThat(row(screen, recent)).as(screen).startsWith("db-01", "ok").last().asString()
                    .matches("last successful TRIM [45] h ago, 3145728 bytes");
            assertThat(row(screen, failed)).as(screen).startsWith("db-01", "warn").last().asString()
                    .startsWith("last TRIM failed at ").endsWith(": fstrim: the discard operation is not supported");
            assertThat(row(screen, overdue)).as(screen).startsWith("db-01", "warn").last().asString()
                    .isEqualTo("last successful TRIM 30 days ago (overdue after 7 days)");
            assertThat(row(screen, never)).as(screen).startsWith("db-01", "warn").last().asString()
                    .isEqualTo("no TRIM recorded yet (is the timer installed? `trim install`)");

            tmux.keys("C-d");
            tmux.await("the exit status", STEP, s -> s.contains("SHELL-EXIT="));
            assertThat(tmux.screen()).contains("SHELL-EXIT=0");
        }
    }
}
