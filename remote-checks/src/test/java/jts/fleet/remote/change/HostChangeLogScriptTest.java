package jts.fleet.remote.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host side of change records, run with {@code sh} as a host script would run it: the prelude's functions
 * (append, rotation, system log) and {@code change-read.sh}.
 */
class HostChangeLogScriptTest {
    private static final String RUN = "20261206T013000Z-3f9a1c";

    @TempDir
    Path tmp;
    Path stateDir;
    Path loggerCalls;
    Path bin;

    @BeforeEach
    void setUp() throws IOException {
        stateDir = tmp.resolve("var/lib/jts-fleet");
        bin = Files.createDirectories(tmp.resolve("bin"));
        loggerCalls = tmp.resolve("logger-calls");
        // a logger that keeps its arguments, one per line: the system log of this test
        Path logger = Files.writeString(bin.resolve("logger"),
                "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >>" + loggerCalls + "\n");
        Files.setPosixFilePermissions(logger, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A script that records an intent and an outcome of two items, like tune-apply does. */
    private Result record(String context, String sysroot) throws Exception {
        String script = HostChangeLog.withPrelude("#!/bin/sh\n"
                + "set -u\nLC_ALL=C\nexport LC_ALL\n"
                + "work=$(mktemp -d)\n"
                + "change_open \"$1\" \"$2\" tune-apply \"$3\" \"$work\" || { echo 'bad context'; exit 3; }\n"
                + "change_item nvme0n1 scheduler mq-deadline none planned\n"
                + "change_write intent || exit 4\n"
                + "change_item nvme0n1 scheduler mq-deadline none changed\n"
                + "change_item '/mnt/we\"ird\\path' fstrim '' 1024 failed 'fstrim said \"no\"'\n"
                + "change_write outcome changed '' || exit 4\n"
                + "rm -rf \"$work\"\n");
        return sh(script, context, stateDir.toString(), sysroot);
    }

    private static String context() {
        return ChangeRecords.contextLine(Records.context(RUN, "db-07"));
    }

    @Test
    void theScriptAppendsAnIntentAndAnOutcomeThatReadBackAsHostRecords() throws Exception {
        Result r = record(context(), "");

        assertThat(r.exit()).as(r.toString()).isZero();
        Path file = stateDir.resolve("changes.jsonl");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        ChangeLogText.Parsed parsed = ChangeLogText.parse(file.toString(), Files.readString(file));
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.records()).hasSize(2);
        ChangeRecord intent = parsed.records().get(0);
        ChangeRecord outcome = parsed.records().get(1);
        assertThat(intent.event()).isEqualTo(ChangeRecord.Event.INTENT);
        assertThat(intent.source()).isEqualTo(ChangeRecord.Source.HOST);
        assertThat(intent.context()).isEqualTo(Records.context(RUN, "db-07"));
        assertThat(intent.step()).contains("tune-apply");
        assertThat(intent.node()).contains(hostname());
        assertThat(intent.changes()).extracting(ChangeItem::describe)
                .containsExactly("nvme0n1 scheduler: mq-deadline -> none (planned)");
        assertThat(outcome.result()).contains(ChangeRecord.Result.CHANGED);
        assertThat(outcome.message()).isEmpty();
        assertThat(outcome.changes()).extracting(ChangeItem::describe).containsExactly(
                "nvme0n1 scheduler: mq-deadline -> none (changed)",
                "/mnt/we\"ird\\path fstrim: - -> 1024 (failed: fstrim said \"no\")");
        assertThat(Duration.between(intent.time(), Instant.now()).abs().toMinutes()).isLessThan(5);
    }

    @Test
    void eachLineGoesToTheSystemLogWithoutItsChanges() throws Exception {
        assertThat(record(context(), "").exit()).isZero();

        List<String> calls = Files.readAllLines(loggerCalls);
        List<String> messages = calls.stream().filter(l -> l.startsWith("{")).toList();
        assertThat(calls).contains("-t", "jts-fleet");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1)).contains("\"event\":\"outcome\"").contains("\"change_count\":2")
                .contains("\"run_id\":\"" + RUN + "\"").contains("\"reason\":\"CHG-1234\"").doesNotContain("\"changes\"");
    }

    @Test
    void aFixtureHostRecordsInItsTreeAndNotInThisMachinesLog() throws Exception {
        assertThat(record(context(), tmp.toString()).exit()).isZero();

        assertThat(stateDir.resolve("changes.jsonl")).exists();
        assertThat(loggerCalls).doesNotExist();
    }

    @Test
    void withoutAContextNothingIsRecorded() throws Exception {
        assertThat(record("", "").exit()).isZero();

        assertThat(stateDir.resolve("changes.jsonl")).doesNotExist();
        assertThat(loggerCalls).doesNotExist();
    }

    @Test
    void aContextThatIsNotOneLineOfAsciiJsonIsRefused() throws Exception {
        String good = context();
        for (String bad : List.of(good + "\n{\"run_id\":\"forged\"}", good.replace("alice", "al\u00efce"),
                "{\"run_id\":\"x\"} ; rm -rf /", "run_id=1", good.replace("\"run_id\":", "\"runid\":"))) {
            Result r = record(bad, "");
            assertThat(r.exit()).as(bad + "\n" + r).isEqualTo(3);
        }
        assertThat(stateDir.resolve("changes.jsonl")).doesNotExist();
    }

    @Test
    void aFullFileIsRotatedNeverRewrittenAndOnlyTheLastThreeAreKept() throws Exception {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve("changes.jsonl");
        byte[] full = "x".repeat((int) HostChangeLog.MAX_BYTES).getBytes(StandardCharsets.US_ASCII);
        Files.write(file, full);
        Files.writeString(stateDir.resolve("changes.jsonl.1"), "one\n");
        Files.writeString(stateDir.resolve("changes.jsonl.2"), "two\n");
        Files.writeString(stateDir.resolve("changes.jsonl.3"), "three\n");

        assertThat(record(context(), "").exit()).isZero();

        assertThat(Files.readAllBytes(stateDir.resolve("changes.jsonl.1"))).isEqualTo(full);
        assertThat(stateDir.resolve("changes.jsonl.2")).hasContent("one");
        assertThat(stateDir.resolve("changes.jsonl.3")).hasContent("two");
        assertThat(stateDir.resolve("changes.jsonl.4")).doesNotExist();
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void changeReadPrintsEveryFileOldestFirstAndDamagedLinesAreNamedWithTheirLine() throws Exception {
        assertThat(record(context(), "").exit()).isZero();
        Files.writeString(stateDir.resolve("changes.jsonl.1"), "@@done\n" + ChangeRecords.toLine(
                Records.outcome("20261101T000000Z-cccccc", "db-07", "2026-11-01T00:00:00Z", ChangeRecord.Result.OK))
                + "\n{\"format\":\"jts-fleet-change 1\",\"ev\n");

        Result read = sh(HostChangeLog.readScript(), stateDir.toString(), "-");
        assertThat(read.exit()).as(read.toString()).isZero();
        ChangeLogText.Parsed parsed = HostChangeLog.parseRead("db-07", read.out());

        assertThat(parsed.records()).extracting(r -> r.context().runId())
                .containsExactly("20261101T000000Z-cccccc", RUN, RUN);
        assertThat(parsed.problems()).extracting(ChangeLogText.Problem::toString).containsExactly(
                "db-07:" + stateDir + "/changes.jsonl.1:1: not JSON at column 1: Unexpected character ('@' (code 64)):"
                        + " expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or"
                        + " 'false'): skipped",
                "db-07:" + stateDir + "/changes.jsonl.1:3: not JSON at column 35: Unexpected end-of-input in field"
                        + " name: skipped");
    }

    @Test
    void changeReadLeavesOutLinesOlderThanSinceKeepingLineNumbers() throws Exception {
        Files.createDirectories(stateDir);
        Files.writeString(stateDir.resolve("changes.jsonl"), ChangeRecords.toLine(Records.outcome(
                "20261101T000000Z-cccccc", "db-07", "2026-11-01T00:00:00Z", ChangeRecord.Result.OK)) + "\n"
                + "damaged\n"
                + ChangeRecords.toLine(Records.outcome(RUN, "db-07", "2026-12-06T01:30:00Z", ChangeRecord.Result.OK))
                + "\n");

        Result read = sh(HostChangeLog.readScript(), stateDir.toString(), "2026-12-01T00:00:00Z");
        ChangeLogText.Parsed parsed = HostChangeLog.parseRead("db-07", read.out());

        assertThat(parsed.records()).extracting(r -> r.context().runId()).containsExactly(RUN);
        assertThat(parsed.problems()).extracting(p -> p.line()).containsExactly(2);
    }

    @Test
    void changeReadRefusesAPathThatIsNotPlain() throws Exception {
        Result read = sh(HostChangeLog.readScript(), "/var/lib/../etc", "-");

        assertThat(read.exit()).isEqualTo(2);
        assertThat(read.err()).contains("is not a plain path");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result sh(String script, String... args) throws Exception {
        Path file = Files.writeString(tmp.resolve("script-" + System.nanoTime() + ".sh"), script);
        List<String> command = new ArrayList<>(List.of("sh", file.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + ":/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("TMPDIR", tmp.toString());
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("script did not finish in 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String hostname() throws IOException {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    }
}
