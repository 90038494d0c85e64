package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** tune-apply.sh and tune-rollback.sh run by a real sh against a fake sysfs tree of regular files. */
class TuneApplyScriptTest {
    private static final String RULES = TuningScriptHost.RULES;

    @TempDir
    Path tmp;
    TuningScriptHost host;
    FakeSysfs sysfs;
    Path stateDir;
    Path rules;

    @BeforeEach
    void tree() {
        host = new TuningScriptHost(tmp);
        // this test's cases also need nvme0n1's write cache and a hidden NVMe multipath path device
        sysfs = host.sysfs.device("nvme0n1", Map.of("write_cache", "write back"))
                .device("nvme0c0n1", Map.of("scheduler", "[none] mq-deadline", "read_ahead_kb", "128"))
                .hidden("nvme0c0n1");
        stateDir = host.stateDir;
        rules = host.rules;
    }

    private ScriptOutcome apply(String planLines) {
        return apply(planLines, RULES);
    }

    private ScriptOutcome apply(String planLines, String rulesText) {
        return host.apply(planLines, rulesText);
    }

    private ScriptOutcome rollback() {
        return host.rollback();
    }

    @Test
    void appliesRecordsOriginalsWritesRulesAndIsIdempotent() throws IOException {
        String plan = "set sda scheduler none\nset sda read_ahead_kb 256\nset nvme0n1 scheduler none\n";
        ScriptOutcome first = apply(plan);

        assertThat(first.succeeded()).as("first apply: %s", first).isTrue();
        assertThat(first.records("changed")).extracting(ScriptRecord::fields).containsExactly(
                java.util.List.of("sda", "scheduler", "mq-deadline", "none"),
                java.util.List.of("sda", "read_ahead_kb", "128", "256"));
        assertThat(first.records("ok")).extracting(ScriptRecord::fields)
                .containsExactly(java.util.List.of("nvme0n1", "scheduler", "none"));
        assertThat(sysfs.read("sda", "scheduler")).isEqualTo("none");
        assertThat(sysfs.read("sda", "read_ahead_kb")).isEqualTo("256");
        assertThat(Files.readString(rules)).isEqualTo(RULES);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rules))).isEqualTo("rw-r--r--");
        TuningState state = TuningState.parse("test-host", Files.readString(stateDir.resolve("state.json")));
        assertThat(state.entries()).extracting(e -> e.device() + " " + e.attribute().key() + " " + e.value())
                // nr_requests rides along with the scheduler: a scheduler switch resets it
                .containsExactly("sda scheduler mq-deadline", "sda nr_requests 64", "sda read_ahead_kb 128",
                        "nvme0n1 scheduler none");

        byte[] stateBefore = Files.readAllBytes(stateDir.resolve("state.json"));
        ScriptOutcome second = apply(plan);
        assertThat(second.succeeded()).as("second apply: %s", second).isTrue();
        assertThat(second.records("changed")).isEmpty();
        assertThat(second.records("ok")).hasSize(3);
        assertThat(second.records("rules")).extracting(r -> r.field(0)).containsExactly("ok");
        assertThat(second.changedAnything()).isFalse();
        assertThat(Files.readAllBytes(stateDir.resolve("state.json"))).isEqualTo(stateBefore);
        assertThat(stateDir.resolve(".lock")).doesNotExist();
    }

    /** A live process holding the lock: apply and rollback refuse (exit 4, result locked) and touch nothing. */
    @Test
    void aHeldLockIsARefusalThatTouchesNothing() throws Exception {
        assertThat(apply("set sda read_ahead_kb 256\n").succeeded()).isTrue();
        Map<String, String> before = sysfs.snapshot();
        byte[] state = Files.readAllBytes(stateDir.resolve("state.json"));
        Process holder = new ProcessBuilder("sleep", "60").start();
        try {
            Files.createDirectories(stateDir.resolve(".lock"));
            Files.writeString(stateDir.resolve(".lock/pid"), holder.pid() + "\n");

            ScriptOutcome applied = apply("set sda read_ahead_kb 512\n");
            ScriptOutcome rolledBack = rollback();

            for (ScriptOutcome refused : java.util.List.of(applied, rolledBack)) {
                assertThat(refused.exitCode()).as("%s", refused).isEqualTo(4);
                assertThat(refused.locked()).isTrue();
                assertThat(refused.succeeded()).isFalse();
                assertThat(refused.errors()).singleElement().asString()
                        .startsWith("test-host: another jts-fleet apply or rollback is running (pid " + holder.pid());
            }
            assertThat(sysfs.snapshot()).isEqualTo(before);
            assertThat(Files.readAllBytes(stateDir.resolve("state.json"))).isEqualTo(state);
            assertThat(Files.readString(stateDir.resolve(".lock/pid")).strip()).as("the other run's lock stays")
                    .isEqualTo(Long.toString(holder.pid()));
        } finally {
            holder.destroy();
        }
    }

    @Test
    void reapplyKeepsTheOriginalValuesAndMergesNewAttributes() throws IOException {
        assertThat(apply("set sda read_ahead_kb 256\n").succeeded()).isTrue();
        ScriptOutcome again = apply("set sda read_ahead_kb 512\nset sda nr_requests 32\n");

        assertThat(again.succeeded()).as("%s", again).isTrue();
        TuningState state = TuningState.parse("test-host", Files.readString(stateDir.resolve("state.json")));
        // 128 is what the device had before jts-fleet, not the 256 of the first apply; entries in write order
        assertThat(state.entries()).extracting(e -> e.device() + " " + e.attribute().key() + " " + e.value())
                .containsExactly("sda nr_requests 64", "sda read_ahead_kb 128");

        ScriptOutcome undo = rollback();
        assertThat(undo.succeeded()).as("%s", undo).isTrue();
        assertThat(sysfs.read("sda", "read_ahead_kb")).isEqualTo("128");
        assertThat(sysfs.read("sda", "nr_requests")).isEqualTo("64");
        assertThat(stateDir.resolve("state.json")).doesNotExist();
        assertThat(rules).doesNotExist();
    }

    @Test
    void aFailedWriteMidApplyRestoresEveryEarlierWriteTheRulesAndTheState() throws IOException {
        // a real kernel file that refuses writes stands in for a sysfs attribute that returns an error
        Path refusing = Path.of("/proc/sys/kernel/ostype");
        assertThat(refusing).exists();
        Files.createSymbolicLink(sysfs.attribute("nvme0n1", "nomerges"), refusing);
        Files.createDirectories(rules.getParent());
        Files.writeString(rules, "# an older jts-fleet rules file\n");
        Map<String, String> before = sysfs.snapshot();

        ScriptOutcome outcome = apply("set sda scheduler kyber\nset sda read_ahead_kb 512\nset nvme0n1 nomerges 2\n");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.result()).isEqualTo("failed");
        assertThat(outcome.errors()).singleElement().asString()
                .contains("nvme0n1/queue/nomerges", "\"2\"", "Permission denied");
        assertThat(outcome.records("restored")).extracting(ScriptRecord::fields).containsExactly(
                java.util.List.of("sda", "scheduler", "mq-deadline"), java.util.List.of("sda", "read_ahead_kb", "128"));
        assertThat(sysfs.snapshot()).isEqualTo(restoredForm(before));
        assertThat(Files.readString(rules)).isEqualTo("# an older jts-fleet rules file\n");
        assertThat(stateDir.resolve("state.json")).doesNotExist();
        assertThat(stateDir.resolve("rules.before")).doesNotExist();
    }

    @Test
    void aFailedReapplyPutsBackThePreviousStateFile() throws IOException {
        assertThat(apply("set sda read_ahead_kb 256\n").succeeded()).isTrue();
        byte[] state = Files.readAllBytes(stateDir.resolve("state.json"));
        Files.createSymbolicLink(sysfs.attribute("sda", "nomerges"), Path.of("/proc/sys/kernel/ostype"));

        ScriptOutcome outcome = apply("set sda read_ahead_kb 1024\nset nvme0n1 read_ahead_kb 64\nset sda nomerges 1\n");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(sysfs.read("sda", "read_ahead_kb")).isEqualTo("256");
        assertThat(sysfs.read("nvme0n1", "read_ahead_kb")).isEqualTo("4096");
        assertThat(Files.readAllBytes(stateDir.resolve("state.json"))).isEqualTo(state);
        assertThat(Files.readString(rules)).isEqualTo(RULES);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "set sda queue_depth 8\n",               // not on the allowlist
        "set ../sda scheduler none\n",          // path in a device name
        "set .. scheduler none\n",
        "set sda scheduler none;reboot\n",      // shell metacharacters in a value
        "set sda scheduler $(id)\n",
        "set sdz scheduler none\n",             // no such device
        "set nvme0c0n1 scheduler none\n",       // hidden multipath path
        "set sda read_ahead_kb 256\nset sda read_ahead_kb 512\n", // twice
        "set sda\n",
        "frobnicate sda scheduler none\n",
    })
    void aRejectedPlanTouchesNothing(String badLine) {
        Map<String, String> before = sysfs.snapshot();

        ScriptOutcome outcome = apply("set nvme0n1 read_ahead_kb 128\n" + badLine);

        assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(2);
        assertThat(outcome.errors()).isNotEmpty();
        assertThat(sysfs.snapshot()).isEqualTo(before);
        assertThat(rules).doesNotExist();
        assertThat(stateDir.resolve("state.json")).doesNotExist();
    }

    @Test
    void anUnreadableAttributeIsRejectedBeforeAnyWrite() throws IOException {
        Files.createDirectories(sysfs.attribute("sda", "wbt_lat_usec"));
        Map<String, String> before = sysfs.snapshot();

        ScriptOutcome outcome = apply("set nvme0n1 read_ahead_kb 128\nset sda wbt_lat_usec 0\n");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.errors()).singleElement().asString().contains("sda wbt_lat_usec", "not a readable attribute");
        assertThat(sysfs.snapshot()).isEqualTo(before);
    }

    @Test
    void aTruncatedPlanIsRejected() {
        ScriptOutcome outcome = ScriptRunner.run(TuningScripts.APPLY, "@@jts-tune 1\nset sda read_ahead_kb 256\n",
                sysfs.root.toString(), stateDir.toString(), rules.toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.errors()).singleElement().asString().contains("truncated");
        assertThat(sysfs.read("sda", "read_ahead_kb")).isEqualTo("128");
    }

    @Test
    void rollbackPutsBackAForeignRulesFileItReplaced() throws IOException {
        Files.createDirectories(rules.getParent());
        Files.writeString(rules, "# hand-written by an operator\n");
        assertThat(apply("set sda scheduler bfq\n").succeeded()).isTrue();
        assertThat(Files.readString(rules)).isEqualTo(RULES);

        ScriptOutcome undo = rollback();

        assertThat(undo.succeeded()).isTrue();
        assertThat(undo.records("rules")).extracting(r -> r.field(0)).containsExactly("restored");
        assertThat(Files.readString(rules)).isEqualTo("# hand-written by an operator\n");
        assertThat(sysfs.read("sda", "scheduler")).isEqualTo("mq-deadline");
    }

    @Test
    void rollbackWithoutStateDoesNothing() {
        ScriptOutcome undo = rollback();

        assertThat(undo.succeeded()).isTrue();
        assertThat(undo.result()).isEqualTo("nothing");
    }

    @Test
    void readReportsRulesAndState() throws IOException {
        assertThat(apply("set sda read_ahead_kb 256\n").succeeded()).isTrue();
        String text = ScriptRunner.stdout(TuningScripts.READ, stateDir.toString(), rules.toString());

        HostTuningFiles files = HostTuningFiles.parse("test-host", text);

        assertThat(files.rules()).contains(RULES);
        assertThat(TuningState.parse("test-host", files.state().orElseThrow()).entries()).hasSize(1);

        Files.delete(rules);
        HostTuningFiles without = HostTuningFiles.parse("test-host",
                ScriptRunner.stdout(TuningScripts.READ, stateDir.toString(), rules.toString()));
        assertThat(without.rules()).isEmpty();
        assertThat(without.state()).isPresent();
    }

    @Test
    void readRefusesPathsThatAreNotPlainInItsOwnName() {
        assertThat(ScriptRunner.refusal(TuningScripts.READ, "/var/lib/../etc", rules.toString()))
                .isEqualTo(new ScriptRunner.Refusal(2, "jts-tune-read: invalid state directory\n"));
        assertThat(ScriptRunner.refusal(TuningScripts.READ, stateDir.toString(), "rules/relative"))
                .isEqualTo(new ScriptRunner.Refusal(2, "jts-tune-read: invalid rules path\n"));
    }

    /** The fake tree after a restore: scheduler files hold the plain name the script wrote back. */
    private static Map<String, String> restoredForm(Map<String, String> before) {
        Map<String, String> expected = new java.util.TreeMap<>(before);
        expected.put("sda/scheduler", "mq-deadline\n");
        expected.put("sda/read_ahead_kb", "128\n");
        return expected;
    }
}
