package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.CliProcess;
import jts.fleet.controller.change.ChangeJournal;
import jts.fleet.controller.testing.SshdFixture;
import jts.fleet.remote.json.JsonMappers;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;
import jts.fleet.remote.trim.TrimPaths;

/**
 * {@code trim} and {@code trim install} through the built launcher, for real. trim runs over sshd against this
 * machine (a login with sudo, as on a production host; the sshd in a private mount namespace whose /var/lib is
 * an overlay, so the host's run and change records are not this machine's): ext4 and xfs on loop devices (their backing files really shrink), a bind mount, a tmpfs and a missing
 * path in the trim tier, and a filesystem whose mount point carries a line break and terminal escapes (it made
 * trim fail the whole host as an internal error: now it is left out with the reason, shown written out).
 * trim install runs with this machine as a local host inside a private mount namespace whose /etc, /usr/local
 * and /var/lib are overlays, so it installs at the real paths and this machine's files stay as they were.
 * Ctrl-C during trim starts no further host or trim (a child JVM, for the signal).
 * Cleans up what it did: sshd and its namespaces, mounts, loop devices.
 */
class TrimFleetIT {
    static final String HOSTILE_NAME = "line\nCRITICAL - fake \u001b]0;pwned\u0007\u001b[31m";
    static final String HOSTILE_SHOWN = "line\\nCRITICAL - fake \\x1b]0;pwned\\x07\\x1b[31m";

    /** Where a host records what it changes (install-file.sh, jts-fstrim: changes.jsonl). */
    static final String HOST_RECORDS = TrimPaths.STATE_DIR + "/" + ChangeJournal.FILE_NAME;
    static final com.fasterxml.jackson.databind.ObjectMapper JSON = JsonMappers.mapper();

    @TempDir
    static Path dir;
    /** The host trim runs on over ssh: an sshd in a mount namespace of its own, whose /var/lib is an overlay. */
    static SshdFixture sshd;
    static LoopDevices loops;
    static Path ext4;
    static Path ext4Image;
    static Path xfs;
    static Path xfsImage;
    static Path bind;
    static Path tmpfs;
    static Path hostile;
    static String hostileLoop;
    static Launcher jts;

    @BeforeAll
    static void start() throws Exception {
        Launcher.requireBuilt();
        Environment.requireTool("mkfs.xfs");
        Environment.requireTool("fstrim");
        Environment.requireTool("unshare");
        Environment.requireTool("sudo");
        Environment.requireTool("nsenter");
        SshdFixture.require();
        loops = new LoopDevices(dir);
        LoopDevices.Filesystem ext4Fs = loops.filesystem("ext4-mnt", 512L << 20, "ext4");
        LoopDevices.Filesystem xfsFs = loops.filesystem("xfs-mnt", 512L << 20, "xfs");
        ext4 = ext4Fs.mount();
        ext4Image = ext4Fs.image();
        xfs = xfsFs.mount();
        xfsImage = xfsFs.image();
        // by hand: its mount point is the hostile name, its backing file is not
        hostileLoop = loops.attach("hostile", 64, false);
        loops.mkfs(hostileLoop, "ext4");
        bind = loops.bindMount(ext4, "ext4-bind");
        tmpfs = loops.mount("tmpfs", "tmpfs-mnt", "-t", "tmpfs");
        hostile = loops.mount(hostileLoop, HOSTILE_NAME);
        // after the mounts: its namespace starts with copies of them
        sshd = SshdFixture.builder().mountNamespace(dir.resolve("host")).sudoUser().start();
        sshd.writeKnownHosts();
        jts = new Launcher(dir).env("NO_COLOR", "1");
    }

    @AfterAll
    static void stop() {
        try {
            if (sshd != null) {
                sshd.close(); // its namespace ends with it, then the mounts can go
            }
        } finally {
            if (loops != null) {
                loops.close();
            }
        }
    }

    /** The host's change records of runs with {@code inventory}, as JSON, in the order written. */
    private static List<JsonNode> hostRecords(Path records, Path inventory) throws Exception {
        if (!Files.exists(records)) {
            return List.of();
        }
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(records)) {
            JsonNode record = JSON.readTree(line);
            if (record.path("command_line").asText().contains(" --inventory " + inventory)) {
                lines.add(record);
            }
        }
        return lines;
    }

    /** Each change of a record ({@code changes[]}) by its target. */
    private static Map<String, JsonNode> changesByTarget(JsonNode record) {
        Map<String, JsonNode> byTarget = new HashMap<>();
        record.path("changes").forEach(c -> byTarget.put(c.path("target").asText(), c));
        return byTarget;
    }

    /** The trim tier (hot: the mounts named; warm: the loop device whose mount point is hostile), {@code host}. */
    private static Path inventory(String name, String host, String blackout) throws Exception {
        String yaml = "hosts:\n"
                + host
                + "policy:\n"
                + "  tiers:\n"
                + "    - name: hot\n"
                + "      match:\n"
                + "        mounts: [\"" + ext4 + "\", \"" + xfs + "\", \"" + bind + "\", \"" + tmpfs + "\", \""
                + dir.resolve("does-not-exist") + "\"]\n"
                + "      trim: true\n"
                + "    - name: warm\n"
                + "      match: {devices: [\"" + hostileLoop + "\"]}\n"
                + "      trim: true\n"
                + "  maintenance:\n"
                + "    trim_schedule: \"Sat *-*-* 03:00:00 UTC\"\n"
                + blackout;
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static Path overSsh(String name, String blackout) throws Exception {
        return inventory(name, sshd.sudoHostEntry("box"), blackout);
    }

    /** No byte a terminal would act on: every control character but the line feed is written out. */
    private static void assertNoControlCharacters(Launcher.Result run) {
        for (String stream : List.of(run.out(), run.err())) {
            assertThat(stream.chars().filter(c -> (c < 0x20 && c != '\n') || c == 0x7f).count())
                    .as("control characters in:%n%s", run).isZero();
            assertThat(stream.lines()).as(run.toString()).noneMatch(l -> l.startsWith("CRITICAL - fake"));
        }
    }

    /**
     * The schedule (Sat 03:00 UTC) starts inside the all-week window: trim (run now) rendered the timer's units and
     * failed the host as an internal error; the schedule plays no part in a run now, so the window refuses (4).
     */
    @Test
    void blackoutRefusesThenForceTrimsEachFilesystemOnceAndLeavesTheHostileMountOut() throws Exception {
        LoopDevices.churn(ext4, 200);
        LoopDevices.churn(xfs, 200);
        long ext4Before = LoopDevices.allocatedBytes(ext4Image);
        long xfsBefore = LoopDevices.allocatedBytes(xfsImage);

        Path always = overSsh("blackout.yaml", "    blackout:\n"
                + "      - {days: [mon, tue, wed, thu, fri, sat, sun], from: \"00:00\", to: \"23:59\", timezone: UTC}\n"
                + "      - {days: [mon, tue, wed, thu, fri, sat, sun], from: \"23:59\", to: \"00:00\", timezone: UTC}\n");
        Launcher.Result refused = jts.run("trim", "--inventory", always.toString(), "-o", "json");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
        JsonSchemas.validate("fleet-run", refused.out());
        assertThat(LoopDevices.allocatedBytes(ext4Image)).isEqualTo(ext4Before);
        assertThat(LoopDevices.allocatedBytes(xfsImage)).isEqualTo(xfsBefore);

        Launcher.Result forced = jts.run("trim", "--force", "--reason", "TrimFleetIT", "--inventory", always.toString(),
                "-o", "json");
        assertThat(forced.exit()).as(forced.toString()).isZero();
        JsonNode host = JsonSchemas.validate("fleet-run", forced.out()).path("hosts").get(0);
        assertThat(host.path("status").asText()).as(forced.toString()).isEqualTo("changed");
        Map<String, JsonNode> byMount = new HashMap<>();
        host.path("filesystems").forEach(f -> byMount.put(f.path("mount").asText(), f));
        assertThat(byMount).as(forced.toString()).containsKeys(ext4.toString(), xfs.toString(), bind.toString(),
                tmpfs.toString(), dir.resolve("does-not-exist").toString(), hostile.toString());
        assertThat(byMount.get(ext4.toString()).path("result").asText()).isEqualTo("ok");
        assertThat(byMount.get(xfs.toString()).path("result").asText()).isEqualTo("ok");
        for (Path skipped : List.of(bind, tmpfs, dir.resolve("does-not-exist"), hostile)) {
            assertThat(byMount.get(skipped.toString()).path("result").asText()).as(skipped.toString())
                    .isEqualTo("skipped");
            assertThat(byMount.get(skipped.toString()).path("reason").asText()).as(skipped.toString()).isNotBlank();
        }
        assertThat(byMount.get(hostile.toString()).path("reason").asText()).contains("control characters");
        System.out.println("TrimFleetIT: backing files " + (ext4Before >> 20) + " -> "
                + (LoopDevices.allocatedBytes(ext4Image) >> 20) + " MiB (ext4), " + (xfsBefore >> 20) + " -> "
                + (LoopDevices.allocatedBytes(xfsImage) >> 20) + " MiB (xfs)");
        assertThat(LoopDevices.allocatedBytes(ext4Image)).as("ext4 backing file shrinks")
                .isLessThan(ext4Before - 100L * 1024 * 1024);
        assertThat(LoopDevices.allocatedBytes(xfsImage)).as("xfs backing file shrinks")
                .isLessThan(xfsBefore - 100L * 1024 * 1024);

        // the text view: every step names its host, the hostile mount point written out, nothing raw
        Launcher.Result text = jts.run("trim", "--force", "--reason", "TrimFleetIT", "--inventory", always.toString());
        assertThat(text.exit()).as(text.toString()).isZero();
        assertNoControlCharacters(text);
        assertThat(text.out()).contains(ext4.toString()).contains(dir + "/" + HOSTILE_SHOWN)
                .containsPattern("box +ok=1").contains("RECAP");
        assertThat(text.err()).doesNotContain("internal error");

        // the host recorded each run, an intent before and an outcome after: its window refused the first, the two
        // forced ones trimmed (say so, and why)
        List<JsonNode> records = hostRecords(sshd.writtenAt(HOST_RECORDS), always);
        assertThat(records).as("host records").extracting(r -> r.path("event").asText())
                .containsExactly("intent", "outcome", "intent", "outcome", "intent", "outcome");
        for (JsonNode record : records) {
            assertThat(record.path("source").asText()).isEqualTo("host");
            assertThat(record.path("step").asText()).isEqualTo("trim");
            assertThat(record.at("/operator/ssh_user").asText()).isEqualTo(SshdFixture.SUDO_USER);
            assertThat(record.at("/operator/become").asText()).isEqualTo("sudo");
        }
        for (int pair = 0; pair < 3; pair++) {
            assertThat(records.get(2 * pair + 1).path("run_id").asText()).as("one run: its intent and outcome")
                    .isEqualTo(records.get(2 * pair).path("run_id").asText());
        }
        assertThat(records.get(1).path("result").asText()).as(records.get(1).toString()).isEqualTo("refused");
        for (JsonNode forcedRecord : records.subList(2, 6)) {
            assertThat(forcedRecord.path("forced").asBoolean()).as(forcedRecord.toString()).isTrue();
            assertThat(forcedRecord.path("reason").asText()).isEqualTo("TrimFleetIT");
            assertThat(forcedRecord.path("blackout").asText()).as(forcedRecord.toString())
                    .startsWith("maintenance.blackout[0]");
        }
        JsonNode first = records.get(3);
        assertThat(first.path("result").asText()).as(first.toString()).isEqualTo("changed");
        Map<String, JsonNode> trimmed = changesByTarget(first);
        assertThat(trimmed).as(first.toString()).containsKeys(ext4.toString(), xfs.toString(), bind.toString(),
                tmpfs.toString(), dir.resolve("does-not-exist").toString());
        for (Path fs : List.of(ext4, xfs)) {
            assertThat(trimmed.get(fs.toString()).path("attribute").asText()).isEqualTo("fstrim");
            assertThat(trimmed.get(fs.toString()).path("result").asText()).as(fs.toString()).isEqualTo("changed");
            assertThat(trimmed.get(fs.toString()).path("after").asText()).as(fs.toString()).matches("[1-9][0-9]* bytes");
        }
        assertThat(trimmed.get(bind.toString()).path("note").asText()).startsWith("skipped: same filesystem as " + ext4);
        assertThat(trimmed.get(tmpfs.toString()).path("note").asText()).startsWith("skipped:");
        assertThat(Files.exists(Path.of(HOST_RECORDS)) ? Files.readString(Path.of(HOST_RECORDS)) : "")
                .as("this machine's %s", HOST_RECORDS).doesNotContain(always.toString());
    }

    @Test
    void trimInstallPushesScriptConfigAndUnitsThenFindsNothingToChange() throws Exception {
        Path local = inventory("local.yaml", "  here: {connection: local, become: none}\n", "    blackout: []\n");
        Path overlay = dir.resolve("overlay");
        Path upper = overlay.resolve("up");

        Launcher.Result install = jts.runInOverlay(overlay, "trim", "install", "--inventory", local.toString());
        assertThat(install.exit()).as(install.toString()).isZero();
        assertNoControlCharacters(install);
        assertThat(install.out()).contains("here: changed").containsPattern("here +ok=1 +changed=1");
        assertThat(install.err()).doesNotContain("internal error");
        for (String installed : List.of(TrimPaths.SCRIPT, TrimPaths.CONFIG, TrimPaths.SERVICE, TrimPaths.TIMER)) {
            assertThat(upper.resolve(installed.substring(1))).as("%s written inside the overlay", installed).exists();
            assertThat(Path.of(installed)).as("this machine's %s untouched", installed).doesNotExist();
        }
        String config = Files.readString(upper.resolve(TrimPaths.CONFIG.substring(1)));
        assertThat(config).contains(ext4.toString()).contains(xfs.toString()).doesNotContain("CRITICAL - fake")
                .doesNotContain("\u001b");
        assertThat(Files.readString(upper.resolve(TrimPaths.TIMER.substring(1))))
                .contains("OnCalendar=Sat *-*-* 03:00:00 UTC").contains("Persistent=true");
        assertThat(Files.readAllLines(upper.resolve(TrimPaths.SERVICE.substring(1))))
                .as("ProtectSystem= makes FITRIM fail").noneMatch(l -> l.startsWith("ProtectSystem="));

        Launcher.Result again = jts.runInOverlay(overlay, "trim", "install", "--inventory", local.toString(),
                "-o", "json");
        assertThat(again.exit()).as(again.toString()).isZero();
        JsonNode doc = JsonSchemas.validate("fleet-run", again.out());
        assertThat(doc.at("/hosts/0/status").asText()).as("nothing left to change").isEqualTo("ok");
        doc.at("/hosts/0/files").forEach(f -> assertThat(f.path("change").asText()).as(f.toString())
                .isEqualTo("unchanged"));

        // the host recorded each file the first install wrote (intent, then outcome, with its sha256); nothing for
        // the second, which wrote nothing
        List<JsonNode> records = hostRecords(upper.resolve(HOST_RECORDS.substring(1)), local);
        assertThat(records).as("host records").extracting(r -> r.path("event").asText())
                .containsExactly("intent", "outcome", "intent", "outcome", "intent", "outcome", "intent", "outcome");
        Map<String, String> sha256 = new HashMap<>();
        doc.at("/hosts/0/files").forEach(f -> sha256.put(f.path("path").asText(), f.path("sha256").asText()));
        List<String> paths = List.of(TrimPaths.SCRIPT, TrimPaths.CONFIG, TrimPaths.SERVICE, TrimPaths.TIMER);
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            assertThat(record.path("step").asText()).isEqualTo("install-file");
            assertThat(record.path("command").asText()).isEqualTo("trim install");
            JsonNode change = changesByTarget(record).get(paths.get(i / 2));
            assertThat(change).as("record %d names %s: %s", i, paths.get(i / 2), record).isNotNull();
            assertThat(change.path("attribute").asText()).isEqualTo("sha256");
            assertThat(change.path("before").isNull()).as("a new file: %s", change).isTrue();
            assertThat(change.path("after").asText()).isEqualTo(sha256.get(paths.get(i / 2)));
            assertThat(change.path("result").asText()).isEqualTo(i % 2 == 0 ? "planned" : "changed");
        }
    }

    /**
     * Two hosts served one at a time by an sshd that sleeps 3 s before every command it runs, so the first host's
     * step is in flight when SIGINT comes (to a child JVM). trim ran silently to 130 while the host carried on;
     * now it is said, the step in flight ends, the first host trims nothing (the stop comes before its trim), the
     * second is not started, each host's final state is printed and the exit is 130. No trim is recorded.
     */
    @Test
    void ctrlCDuringTrimStartsNoFurtherHostOrTrim() throws Exception {
        Path work = Files.createDirectories(dir.resolve("interrupt"));
        try (SshdFixture slow = SshdFixture.builder().mountNamespace(work.resolve("host")).sudoUser()
                .config("ForceCommand sleep 3; exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"").start()) {
            Path slowHosts = inventory("interrupt.yaml", slow.sudoHostEntry("h1") + slow.sudoHostEntry("h2"),
                    "    blackout: []\n");
            Duration wait = Duration.ofSeconds(90);
            try (CliProcess cli = CliProcess.start(work, Optional.empty(), List.of(), Map.of("NO_COLOR", "1"),
                    "trim", "--yes", "--inventory", slowHosts.toString(), "--forks", "1")) {
                long deadline = System.nanoTime() + wait.toNanos();
                while (!sleepsOnTheHost() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(sleepsOnTheHost()).as("no command of h1 started: %s", cli).isTrue();
                cli.signal("INT");
                assertThat(cli.awaitErr(l -> l.contains("interrupted: no further host or step"), wait))
                        .as(cli.toString()).isPresent();
                Optional<CliProcess.Line> exit = cli.awaitExit(wait);
                assertThat(exit).as(cli.toString()).isPresent();
                assertThat(exit.get().text()).as(cli.toString()).isEqualTo(Integer.toString(ExitCodes.INTERRUPTED));
                assertThat(cli.out()).as(cli.toString()).contains("RECAP")
                        .containsPattern("h1 +ok=0 +changed=0 +unreachable=0 +failed=0 +skipped=1")
                        .containsPattern("h2 +ok=0 +changed=0 +unreachable=0 +failed=0 +skipped=1");
                assertThat(cli.err()).contains("skipped  h1: interrupted (Ctrl-C) before trimming")
                        .contains("skipped  h2: not started: interrupted (Ctrl-C)")
                        .contains("the results above are each host's final state");
            }
            assertThat(slow.writtenAt(TrimPaths.RUN_LOG)).as("no trim ran, so none was recorded on the host")
                .doesNotExist();
        }
    }

    /** Whether the slow sshd's sleep before a command of the test login runs now. */
    private static boolean sleepsOnTheHost() throws Exception {
        return new ProcessBuilder("pgrep", "-u", SshdFixture.SUDO_USER, "-x", "sleep").start().waitFor() == 0;
    }
}
