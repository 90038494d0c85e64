package jts.fleet.controller.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.cli.CliProcess;
import jts.fleet.controller.testing.OverlayNamespace;
import jts.fleet.remote.model.SysrootTree;
import jts.fleet.remote.testing.Environment;

/**
 * Under {@code umask 000} reports and snapshots were created 0666 (anyone could rewrite them). Everything
 * jts-fleet creates on the controller is 0644 in 0755 directories, the shell's history 0600 in 0700, whatever
 * the umask: the CLI runs here as a child process started with umask 000.
 */
class UmaskCliTest {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;
    Path inventory;

    @BeforeEach
    void fixtureHost() throws Exception {
        Path root = dir.resolve("box");
        SysrootTree.build(Path.of(UmaskCliTest.class.getResource("/hostile/plain-nvme.tree").toURI()), root);
        inventory = Files.writeString(dir.resolve("inventory.yaml"),
                "defaults: {become: none}\nhosts:\n  box: {connection: local, sysroot: \"" + root + "\"}\n");
    }

    private CliProcess run(String... args) throws Exception {
        return awaited(CliProcess.start(dir, Optional.of("000"), args));
    }

    private static CliProcess awaited(CliProcess cli) throws Exception {
        Optional<CliProcess.Line> exit = cli.awaitExit(WAIT);
        assertThat(exit).as(cli.toString()).isPresent();
        assertThat(exit.get().text()).as(cli.toString()).isEqualTo("0");
        return cli;
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Every file under {@code top} has {@code file}, every directory (top included) {@code directory}. */
    private static void assertModes(Path top, String file, String directory) throws IOException {
        assertThat(mode(top)).as(top.toString()).isEqualTo(directory);
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.toList()) {
                assertThat(mode(p)).as(p.toString()).isEqualTo(Files.isDirectory(p) ? directory : file);
            }
        }
    }

    @Test
    void reportsSnapshotsAndRenderedUnitsAre0644In0755() throws Exception {
        try (CliProcess status = run("status", "--inventory", inventory.toString(), "--report",
                dir.resolve("reports/today").toString())) {
            assertThat(dir.resolve("reports/today/box.json")).exists();
            assertModes(dir.resolve("reports"), "rw-r--r--", "rwxr-xr-x");
        }
        try (CliProcess snapshot = run("snapshot", "--inventory", inventory.toString(), "--out",
                dir.resolve("snap").toString())) {
            assertThat(dir.resolve("snap/box.gather")).exists();
            assertModes(dir.resolve("snap"), "rw-r--r--", "rwxr-xr-x");
        }
        try (CliProcess units = run("render", "systemd", "--inventory", inventory.toString(), "--host", "box",
                "--out", dir.resolve("units").toString())) {
            assertModes(dir.resolve("units"), "rw-r--r--", "rwxr-xr-x");
        }
    }

    @Test
    void theBenchStoreAndItsReportToo() throws Exception {
        Environment.requireTool("fio");
        // bench runs fio on this machine (a fixture host is refused): a temporary directory here
        Path local = Files.writeString(dir.resolve("local.yaml"), "defaults: {become: none}\nhosts:\n"
                + "  here: {connection: local}\n");
        Path target = Files.createDirectories(dir.resolve("target"));
        Path store = dir.resolve("store");
        String[] args = {"bench", "run", "--inventory", local.toString(), "--target", target.toString(),
            "--profile", "rand-read-4k-qd1", "--runtime", "1s", "--size", "4m", "--force", "--reason", "test", "--store",
            store.toString()};
        // bench.sh records the run in the host's /var/lib/jts-fleet/changes.jsonl, and the host is this machine: as
        // root, run it in a mount namespace whose /var/lib is an overlay, so the record lands in the test's directory
        boolean overlaid = Environment.isRoot() && Environment.which("unshare") != null;
        Path overlay = dir.resolve("overlay");
        try (CliProcess bench = overlaid ? awaited(CliProcess.startInOverlay(overlay, dir, Optional.of("000"), args))
                : run(args)) {
            assertModes(store, "rw-r--r--", "rwxr-xr-x");
        }
        if (overlaid) {
            Path real = Path.of("/var/lib/jts-fleet/changes.jsonl");
            assertThat(Files.readString(OverlayNamespace.upper(overlay, real.toString()))).contains(target.toString());
            assertThat(Files.exists(real) ? Files.readString(real) : "").as("this machine's %s", real)
                    .doesNotContain(target.toString());
        }
        try (CliProcess report = run("bench", "report", "--store", store.toString(), "--out",
                dir.resolve("html/report.html").toString(), Files.list(store).findFirst().orElseThrow().getFileName()
                        .toString())) {
            assertModes(dir.resolve("html"), "rw-r--r--", "rwxr-xr-x");
        }
    }

    @Test
    void theShellsHistoryAndTheLogFileAre0600In0700() throws Exception {
        // with stdin from a pipe the shell reads lines plainly; the history lives under $XDG_STATE_HOME
        CliProcess shell = CliProcess.start(dir, Optional.of("000"), List.of(),
                java.util.Map.of("XDG_STATE_HOME", dir.resolve("xdg").toString()), "shell", "--inventory",
                inventory.toString());
        try (shell) {
            shell.closeStdin();
            assertThat(shell.awaitExit(WAIT)).as(shell.toString()).isPresent();
        }
        try (CliProcess logged = run("status", "--inventory", inventory.toString(), "--log-file",
                dir.resolve("logs/run.log").toString())) {
            assertThat(mode(dir.resolve("logs/run.log"))).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("logs"))).isEqualTo("rwx------");
        }
        Path history = dir.resolve("xdg/jts-fleet/history");
        assertThat(history).exists();
        assertThat(mode(history)).isEqualTo("rw-------");
        assertThat(mode(history.getParent())).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("xdg"))).isEqualTo("rwx------");
    }
}
