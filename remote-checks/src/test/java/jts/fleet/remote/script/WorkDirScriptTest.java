package jts.fleet.remote.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.bench.BenchScripts;
import jts.fleet.remote.install.InstallFileScript;
import jts.fleet.remote.trim.TrimScript;
import jts.fleet.remote.tuning.TuningScripts;

/**
 * {@code work_dir} (host-common.sh): a host script's temporary directory records its owner, and the next run of the
 * same script removes what a run killed before its EXIT trap left behind, and nothing else. Run by a real sh with
 * TMPDIR pointing at a temporary directory.
 */
class WorkDirScriptTest {
    private static final String PRELUDE = ScriptResources.text(HostPrelude.RESOURCE);
    private static final Instant TWO_HOURS_AGO = Instant.now().minus(Duration.ofHours(2));
    private static final Instant TWO_DAYS_AGO = Instant.now().minus(Duration.ofDays(2));

    @TempDir
    Path tmp;

    /** Runs {@code script} by {@code sh -c} with TMPDIR = {@link #tmp}; exit status, stdout, stderr. */
    private String[] sh(String script, String stdin, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "jts-fleet"));
        argv.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put("TMPDIR", tmp.toString());
        Process p = builder.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // a script that stops before reading stdin: its exit status says what happened
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("finished in 30 s").isTrue();
        return new String[] {Integer.toString(p.exitValue()), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
            new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)};
    }

    private Path dir(String name, Instant modified) throws IOException {
        Path d = Files.createDirectory(tmp.resolve(name));
        Files.writeString(d.resolve("plan"), "left behind\n");
        Files.setLastModifiedTime(d, FileTime.from(modified));
        return d;
    }

    private Path ownedBy(String name, String owner) throws IOException {
        Path d = dir(name, Instant.now());
        Files.writeString(d.resolve(".owner"), owner);
        Files.setLastModifiedTime(d, FileTime.from(TWO_HOURS_AGO));
        return d;
    }

    /** "PID START" of a process that runs (this JVM), as work_dir records one. */
    private static String liveOwner() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return ProcessHandle.current().pid() + " " + fields[19] + "\n";
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void removesOnlyItsOwnOldDirectoriesWhoseOwnerIsGone() throws Exception {
        dir("jts-tune.noOwnr", TWO_HOURS_AGO);
        dir("jts-tune.staleN", TWO_DAYS_AGO);
        ownedBy("jts-tune.deadPd", "999999999 12345\n");
        String live = liveOwner();
        ownedBy("jts-tune.liveNs", ProcessHandle.current().pid() + " \n");
        ownedBy("jts-tune.deadNs", "999999999 \n");
        ownedBy("jts-tune.livePd", live);
        String[] pidAndStart = live.strip().split(" ");
        ownedBy("jts-tune.reused", pidAndStart[0] + " " + (Long.parseLong(pidAndStart[1]) + 1) + "\n");
        dir("jts-tune.young1", Instant.now());
        Path elsewhere = dir("elsewhere", TWO_HOURS_AGO);
        Path link = Files.createSymbolicLink(tmp.resolve("jts-tune.symlnk"), elsewhere);
        dir("jts-tune.toolong7", TWO_HOURS_AGO);
        dir("jts-tunes.abcdef", TWO_HOURS_AGO);
        dir("jts-bench-change.abcdef", TWO_HOURS_AGO);
        Files.writeString(tmp.resolve("jts-tune.plainf"), "a file\n");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Path foreign = dir("jts-tune.alien1", TWO_HOURS_AGO);
            UserPrincipal nobody = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(foreign, nobody);
            Files.setLastModifiedTime(foreign, FileTime.from(TWO_HOURS_AGO));
        }

        String[] r = sh("#!/bin/sh\n" + PRELUDE + "work=$(work_dir jts-tune) || exit 1\nprintf '%s\\n' \"$work\"\n"
                + "cat -- \"$work/.owner\"\necho \"$$\"\n", "");

        assertThat(r[0]).as("exit; stderr: %s", r[2]).isEqualTo("0");
        String[] out = r[1].split("\n");
        Path made = Path.of(out[0]);
        assertThat(made.getParent()).isEqualTo(tmp);
        assertThat(made.getFileName().toString()).matches("jts-tune\\.[A-Za-z0-9]{6}");
        assertThat(out[1]).as("the new directory's owner: the script's process and its start time")
                .matches(out[2] + " [0-9]+");
        List<String> expected = new ArrayList<>(List.of("elsewhere", "jts-bench-change.abcdef", "jts-tune.livePd",
                "jts-tune.liveNs", "jts-tune.noOwnr", "jts-tune.plainf", "jts-tune.symlnk", "jts-tune.toolong7", "jts-tune.young1", "jts-tunes.abcdef",
                made.getFileName().toString()));
        if (root) {
            expected.add("jts-tune.alien1");
        }
        assertThat(names()).as("left: the running owner's (also one recorded without a start time), one without an "
                + "owner unchanged for less than a day (an older version's run may still use it), the young, other "
                + "names, not a directory, a symlink, another user's; removed: no owner for two days, a dead owner "
                + "(also one recorded without a start time), a reused process id").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(elsewhere.resolve("plan")).as("nothing followed through the symlink").exists();
    }

    /** The scripts that keep a temporary directory take it from work_dir, never from their own mktemp. */
    @Test
    void everyScriptWithATemporaryDirectoryTakesItFromWorkDir() {
        Map<String, String> scripts = Map.of("tune-apply.sh", TuningScripts.APPLY.text(),
                "tune-rollback.sh", TuningScripts.ROLLBACK.text(), "bench.sh", BenchScripts.BENCH.text(),
                "queue-set.sh", BenchScripts.QUEUE_SET.text(), "trim-run.sh", TrimScript.runScript(),
                "jts-fstrim.sh", TrimScript.text(), "install-file.sh", InstallFileScript.text());
        scripts.forEach((name, text) -> {
            String body = text.replace(PRELUDE, "");
            assertThat(body).as(name).contains("=$(work_dir ").doesNotContain("mktemp -d");
        });
    }

    /**
     * tune-apply.sh killed with SIGKILL while it waits for its plan leaves its directory; an hour later the next run
     * removes it (and its own goes at its exit, by its trap).
     */
    @Test
    void aRunKilledBeforeItsTrapIsSweptByTheNextRun() throws Exception {
        Path sysfs = Files.createDirectories(tmp.resolve("root"));
        Path state = tmp.resolve("state");
        Path rules = tmp.resolve("rules.d/60-jts-fleet.rules");
        Path scripts = Files.createDirectories(tmp.resolve("scripts"));
        List<String> argv = List.of("sh", "-c", TuningScripts.APPLY.text(), "jts-fleet", sysfs.toString(),
                state.toString(), rules.toString());
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().put("TMPDIR", scripts.toString());
        Process killed = builder.start();
        Path left;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<Path> dirs = List.of();
            while (dirs.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                try (Stream<Path> s = Files.list(scripts)) {
                    dirs = s.filter(p -> Files.exists(p.resolve(".owner"))).toList();
                }
            }
            assertThat(dirs).as("tune-apply.sh's directory, while it waits for its plan").hasSize(1);
            left = dirs.get(0);
        } finally {
            killed.destroyForcibly();
            killed.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(left).as("SIGKILL: no trap ran").exists();
        Files.setLastModifiedTime(left, FileTime.from(TWO_HOURS_AGO));

        ProcessBuilder again = new ProcessBuilder(argv).redirectErrorStream(true);
        again.environment().put("TMPDIR", scripts.toString());
        Process next = again.start();
        next.getOutputStream().close();
        String out = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(next.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("the next run's answer to an empty plan").contains("empty plan on stdin");
        try (Stream<Path> s = Files.list(scripts)) {
            assertThat(s.toList()).as("the killed run's directory and the next run's own").isEmpty();
        }
    }

    /**
     * bench.sh killed with SIGKILL leaves its change-record directory; bench-cleanup.sh, run for that run id, removes it
     * at once when the process it names is gone, and nothing of another run or of a running bench.sh.
     */
    @Test
    void benchCleanupRemovesTheChangeRecordDirectoryOfItsRunOnly() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("target"));
        Path killed = ownedBy("jts-bench-change.killed", "999999999 12345\n");
        Files.writeString(killed.resolve("run-id"), "run-1\n");
        Path running = ownedBy("jts-bench-change.runnin", liveOwner());
        Files.writeString(running.resolve("run-id"), "run-1\n");
        Path other = ownedBy("jts-bench-change.other1", "999999999 12345\n");
        Files.writeString(other.resolve("run-id"), "run-2\n");
        Path noOwner = dir("jts-bench-change.noOwnr", Instant.now());
        Files.writeString(noOwner.resolve("run-id"), "run-1\n");

        String[] r = sh(BenchScripts.CLEANUP.text(), "", target.toString(), "run-1");

        assertThat(r[0]).as("exit; stdout %s stderr %s", r[1], r[2]).isEqualTo("0");
        assertThat(r[1]).contains("removed=" + killed + "\n");
        assertThat(names()).as("the killed run's directory goes; a running one's, another run's and one without an "
                + "owner stay").containsExactlyInAnyOrder("target", "jts-bench-change.runnin", "jts-bench-change.other1",
                "jts-bench-change.noOwnr");
    }

    /**
     * A process that has ended but whose parent has not waited for it yet (a zombie: bench.sh just killed, its parent
     * not yet woken) owns nothing any more: its directory is removed.
     */
    @Test
    void aZombieOwnerIsGone() throws Exception {
        // sh starts a child, then becomes sleep, which never waits for it; the child exits only once its parent is
        // sleep (a child that exited at once could be reaped by sh before the exec, and then there is no zombie),
        // or after 1000 looks (10 s and more) should the parent have gone instead
        Process parent = new ProcessBuilder("sh", "-c", "sh -c 'i=0; until [ \"$(cat /proc/$PPID/comm)\" = sleep ]"
                + " || [ $i -ge 1000 ]; do i=$((i + 1)); sleep 0.01; done' & echo $!; exec sleep 60").start();
        try {
            String pid = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            Path stat = Path.of("/proc", pid, "stat");
            String[] fields = new String[0];
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                String line = Files.readString(stat);
                fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                if (fields[0].equals("Z")) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(fields[0]).as("state of %s", pid).isEqualTo("Z");
            ownedBy("jts-tune.zombie", pid + " " + fields[19] + "\n");
            ownedBy("jts-tune.living", liveOwner());

            String[] r = sh("#!/bin/sh\n" + PRELUDE + "work=$(work_dir jts-tune) || exit 1\nrm -rf -- \"$work\"\n", "");

            assertThat(r[0]).as("exit; stderr: %s", r[2]).isEqualTo("0");
            assertThat(names()).as("the zombie's directory goes, the running owner's stays")
                    .containsExactly("jts-tune.living");
        } finally {
            parent.destroyForcibly();
            parent.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
