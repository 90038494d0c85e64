package jts.fleet.controller.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.CliProcess;
import jts.fleet.remote.model.SysrootTree;

/**
 * Ctrl-C (SIGINT to the CLI process) during apply and rollback (trim takes the same way through
 * {@code Interrupts.stoppable}; it refuses fixture hosts, and FleetRunnerTest covers the runner's part). It ended the process silently with 130
 * while the host carried on with the change. Now the first one is said, starts nothing new, lets the host step
 * in flight finish, prints every host's final state and exits 130; a second one aborts at once naming the
 * hosts that may be half-done and how to check them. The hosts are fixture trees reached through the local
 * transport; a {@code mktemp} first on PATH that waits until the test lets it go makes each host step take as
 * long as the test needs (every tuning and trim script starts with mktemp, the gather does not).
 */
class InterruptCliTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    Path inventory;
    Path fakeBin;
    Path release;

    @BeforeEach
    void threeHostsAndASlowMktemp() throws Exception {
        StringBuilder yaml = new StringBuilder("defaults: {become: none}\nhosts:\n");
        for (String name : List.of("h1", "h2", "h3")) {
            Path root = dir.resolve(name);
            SysrootTree.build(Path.of(InterruptCliTest.class.getResource("/hostile/plain-nvme.tree").toURI()), root);
            yaml.append("  ").append(name).append(": {connection: local, sysroot: \"").append(root).append("\"}\n");
        }
        yaml.append(HostileHost.HOT_POLICY);
        inventory = Files.writeString(dir.resolve("inventory.yaml"), yaml);
        fakeBin = Files.createDirectories(dir.resolve("bin"));
        release = dir.resolve("release");
        Path mktemp = fakeBin.resolve("mktemp");
        // says which host step started (its sysroot is in the arguments of the script that runs it), then waits
        Files.writeString(mktemp, "#!/bin/sh\n"
                + "touch \"" + dir.resolve("started") + "\"\n"
                + "while [ ! -e \"" + release + "\" ]; do sleep 0.1; done\n"
                + "exec /usr/bin/mktemp \"$@\"\n");
        Files.setPosixFilePermissions(mktemp, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private CliProcess start(String... command) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(command));
        args.addAll(List.of("--inventory", inventory.toString(), "--forks", "1"));
        return CliProcess.start(dir, Optional.empty(), List.of(),
                Map.of("PATH", fakeBin + ":" + System.getenv("PATH")), args.toArray(String[]::new));
    }

    private void awaitStep() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(dir.resolve("started")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(dir.resolve("started")).as("no host step started").exists();
    }

    private static String state(Path root) throws IOException {
        return Files.readString(root.resolve("sys/block/nvme0n1/queue/read_ahead_kb")).strip();
    }

    @Test
    void aFirstCtrlCLetsTheStepInFlightFinishStartsNothingNewAndExits130() throws Exception {
        try (CliProcess cli = start("apply", "--yes")) {
            awaitStep();
            cli.signal("INT");
            Optional<CliProcess.Line> said = cli.awaitErr(l -> l.contains("interrupted: no further host or step"),
                    WAIT);
            assertThat(said).as(cli.toString()).isPresent();
            assertThat(said.get().text()).contains("(h1)").contains("Ctrl-C again aborts at once");
            Files.writeString(release, "");
            Optional<CliProcess.Line> exit = cli.awaitExit(WAIT);
            assertThat(exit).as(cli.toString()).isPresent();
            assertThat(exit.get().text()).as(cli.toString()).isEqualTo(Integer.toString(ExitCodes.INTERRUPTED));
            // h1's apply ran to its end; h2 and h3 were never touched, and the report says so
            assertThat(state(dir.resolve("h1"))).isEqualTo("128");
            assertThat(dir.resolve("h1/var/lib/jts-fleet/state.json")).exists();
            for (String untouched : List.of("h2", "h3")) {
                assertThat(state(dir.resolve(untouched))).isEqualTo("4096");
                assertThat(dir.resolve(untouched + "/var/lib/jts-fleet/state.json")).doesNotExist();
            }
            assertThat(cli.out()).contains("RECAP").containsPattern("h1 +ok=1 +changed=1")
                    .containsPattern("h2 +ok=0 +changed=0 +unreachable=0 +failed=0 +skipped=1");
            assertThat(cli.err()).contains("skipped  h2: not started: interrupted (Ctrl-C)")
                    .contains("the results above are each host's final state");
        }
    }

    @Test
    void aSecondCtrlCAbortsAndNamesTheHostThatMayBeHalfDone() throws Exception {
        // applied first in this JVM, whose PATH has no slow mktemp
        jts.fleet.controller.cli.CliRun applied = jts.fleet.controller.cli.CliRun.of("apply", "--yes", "--inventory",
                inventory.toString());
        assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(ExitCodes.OK);
        try (CliProcess cli = start("rollback", "--yes")) {
            awaitStep();
            cli.signal("INT");
            assertThat(cli.awaitErr(l -> l.contains("interrupted: no further"), WAIT)).as(cli.toString()).isPresent();
            cli.signal("INT");
            Optional<CliProcess.Line> exit = cli.awaitExit(WAIT);
            assertThat(exit).as(cli.toString()).isPresent();
            assertThat(exit.get().text()).isEqualTo(Integer.toString(ExitCodes.INTERRUPTED));
            assertThat(cli.err()).contains("jts-fleet: aborted: h1 may be half-done; check with "
                    + "jts-fleet rollback --dry-run -H h1");
        } finally {
            Files.writeString(release, "");
        }
    }

    private void awaitGather() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!gatherRuns() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gatherRuns()).as("no gather of h1 started").isTrue();
    }

    @Test
    void withoutACommandThatChangesHostsCtrlCEndsTheProcessAtOnce() throws Exception {
        // a host whose gather never ends (a FIFO where an attribute should be): status would wait a minute
        Path stuck = dir.resolve("h1/sys/block/nvme0n1/queue/nomerges");
        Files.delete(stuck);
        assertThat(new ProcessBuilder("mkfifo", stuck.toString()).inheritIO().start().waitFor()).isZero();
        try (CliProcess cli = start("status", "-H", "h1", "--timeout", "60s")) {
            awaitGather();
            long sent = System.nanoTime();
            cli.signal("INT");
            Optional<CliProcess.Line> exit = cli.awaitExit(WAIT);
            assertThat(exit).as(cli.toString()).isPresent();
            assertThat(exit.get().text()).isEqualTo(Integer.toString(ExitCodes.INTERRUPTED));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(30));
        }
    }

    /** True once the gather of h1 waits on its FIFO (a grep that has the FIFO's path on its command line). */
    private boolean gatherRuns() throws InterruptedException {
        try {
            return new ProcessBuilder("pgrep", "-f", "jts-fleet " + dir.resolve("h1")).start().waitFor() == 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
