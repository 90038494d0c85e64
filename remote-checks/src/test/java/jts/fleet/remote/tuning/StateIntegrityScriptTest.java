package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * state.json holds the only copy of the values from before jts-fleet's first apply. Cut after its ninth line,
 * rollback restored 3 of 14 values, exited 0 with changed=1 and deleted the state and the rules file: the other
 * originals were gone for good. Now a state is read whole or not at all: cut at every line boundary (and at
 * every byte), rollback restores everything or nothing, and keeps what it could not fully read.
 */
class StateIntegrityScriptTest {
    private static final String RULES = TuningScriptHost.RULES;
    /** 3 devices x (scheduler + nr_requests + wbt_lat_usec + read_ahead_kb + nomerges): 14 entries recorded. */
    private static final String PLAN = "set sda scheduler none\nset sda read_ahead_kb 256\nset sda nomerges 1\n"
            + "set sdb scheduler none\nset sdb read_ahead_kb 256\nset sdb nomerges 1\n"
            + "set nvme0n1 scheduler mq-deadline\nset nvme0n1 read_ahead_kb 256\n";

    @TempDir
    Path tmp;
    FakeSysfs sysfs;
    Path stateDir;
    Path state;
    Path rules;
    Map<String, String> original;

    @BeforeEach
    void tunedHost() {
        sysfs = new FakeSysfs(tmp.resolve("root"));
        for (String dev : List.of("sda", "sdb")) {
            sysfs.device(dev, Map.of("scheduler", "[mq-deadline] kyber bfq none", "read_ahead_kb", "128",
                    "nr_requests", "64", "wbt_lat_usec", "75000", "nomerges", "0"));
        }
        sysfs.device("nvme0n1", Map.of("scheduler", "[none] mq-deadline kyber", "read_ahead_kb", "4096",
                "nr_requests", "1023", "wbt_lat_usec", "2000"));
        stateDir = tmp.resolve("state");
        state = stateDir.resolve("state.json");
        rules = tmp.resolve("rules.d/60-jts-fleet.rules");
        original = values();
    }

    /** Every attribute's current value (the bracketed one for schedulers), "dev/attr" -> value. */
    private Map<String, String> values() {
        Map<String, String> all = new TreeMap<>();
        sysfs.snapshot().forEach((key, content) -> {
            String v = content.strip();
            int open = v.indexOf('[');
            all.put(key, open >= 0 ? v.substring(open + 1, v.indexOf(']')) : v);
        });
        return all;
    }

    private ScriptOutcome apply() {
        return ScriptRunner.run(TuningScripts.APPLY, "@@jts-tune 1\n" + PLAN + "@@rules\n" + RULES + "@@end\n",
                sysfs.root.toString(), stateDir.toString(), rules.toString());
    }

    private ScriptOutcome rollback(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of(sysfs.root.toString(), stateDir.toString(),
                rules.toString()));
        args.addAll(List.of(extra));
        return ScriptRunner.run(TuningScripts.ROLLBACK, "", args.toArray(String[]::new));
    }

    private String applied() throws IOException {
        ScriptOutcome applied = apply();
        assertThat(applied.succeeded()).as("%s", applied).isTrue();
        assertThat(values()).isNotEqualTo(original);
        return Files.readString(state);
    }

    /** Nothing restored, nothing removed, the damage named and every readable value shown. */
    private void assertNothingRestored(String what, ScriptOutcome outcome, String cut, Map<String, String> tuned)
            throws IOException {
        assertThat(outcome.exitCode()).as("%s: %s", what, outcome).isEqualTo(3);
        assertThat(outcome.result()).as(what).isEqualTo("damaged");
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.changedAnything()).as(what).isFalse();
        assertThat(values()).as("%s: values changed by a rollback of a damaged state", what).isEqualTo(tuned);
        assertThat(Files.readString(state)).as("%s: the state must be kept as it is", what).isEqualTo(cut);
        assertThat(rules).as(what).exists();
        assertThat(outcome.errors()).singleElement().asString().contains("state.json is damaged")
                .contains("nothing was restored");
        int readable = (int) cut.lines().filter(l -> l.startsWith("    {\"device\"") && l.matches(".*\\},?$")).count();
        assertThat(outcome.records("recorded")).as(what).hasSize(readable);
    }

    @Test
    void aStateCutAtEveryLineBoundaryRestoresNothingAndTheWholeOneRestoresEverything() throws IOException {
        String whole = applied();
        Map<String, String> tuned = values();
        List<String> lines = whole.lines().toList();
        assertThat(lines).hasSizeGreaterThan(15);
        assertThat(TuningState.parse("test-host", whole).entries()).hasSize(14);
        for (int keep = 0; keep < lines.size(); keep++) {
            String cut = lines.subList(0, keep).stream().map(l -> l + "\n").reduce("", String::concat);
            Files.writeString(state, cut);
            assertNothingRestored("cut after line " + keep, rollback(), cut, tuned);
            String text = cut;
            assertThatThrownBy(() -> TuningState.parse("test-host", text)).as("cut after line %d", keep)
                    .hasMessageStartingWith("test-host: state.json is damaged (");
        }
        Files.writeString(state, whole);
        ScriptOutcome outcome = rollback();
        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(values()).isEqualTo(original);
        assertThat(state).doesNotExist();
        assertThat(stateDir.resolve("state.json.bak")).doesNotExist();
        assertThat(rules).doesNotExist();
    }

    @Test
    void aStateCutInsideALineOrWithOneByteChangedRestoresNothing() throws IOException {
        String whole = applied();
        Map<String, String> tuned = values();
        byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
        // every 5th cut (the line boundaries are all tested above; a file that lost only its last line break is
        // whole), and a changed entry value
        for (int length = 1; length < bytes.length - 1; length += 5) {
            String cut = new String(bytes, 0, length, StandardCharsets.UTF_8);
            Files.writeString(state, cut);
            assertNothingRestored("cut after byte " + length, rollback(), cut, tuned);
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 8; i++) {
            byte[] junk = new byte[1 + random.nextInt(2000)];
            random.nextBytes(junk);
            Files.write(state, junk);
            ScriptOutcome outcome = rollback();
            assertThat(outcome.exitCode()).as("random bytes %d: %s", i, outcome).isEqualTo(3);
            assertThat(values()).isEqualTo(tuned);
            assertThat(Files.readAllBytes(state)).isEqualTo(junk);
        }
        String changed = whole.replace("\"value\": \"128\"", "\"value\": \"129\"");
        assertThat(changed).isNotEqualTo(whole);
        Files.writeString(state, changed);
        assertNothingRestored("one value changed", rollback(), changed, tuned);
    }

    @Test
    void aStateOfTheOldFormatCutAfterItsNinthLineIsRefusedToo() throws IOException {
        // the case: a format 1 state (no count, no checksum) of 14 entries, cut after line 9
        String whole = applied();
        String legacy = whole.replace(TuningState.FORMAT, TuningState.FORMAT_1)
                .replaceAll("(?s)\n  \\],\n  \"count\": .*$", "\n  ]\n}\n");
        assertThat(TuningState.parse("test-host", legacy).entries()).hasSize(14);
        Map<String, String> tuned = values();
        String cut = legacy.lines().limit(9).map(l -> l + "\n").reduce("", String::concat);
        Files.writeString(state, cut);
        Files.delete(stateDir.resolve("state.json.bak"));
        ScriptOutcome outcome = rollback();
        assertNothingRestored("format 1 cut after line 9", outcome, cut, tuned);
        assertThat(outcome.records("recorded")).hasSize(4);
        assertThat(outcome.records("note")).singleElement().asString().contains("no intact copy")
                .contains("echo VALUE > /sys/block/DEVICE/queue/ATTRIBUTE");
        // the whole old-format file still rolls back
        Files.writeString(state, legacy);
        assertThat(rollback().succeeded()).isTrue();
        assertThat(values()).isEqualTo(original);
    }

    /** Nothing readable and no intact copy: the note does not point at recorded values that were not printed. */
    @Test
    void aStateWithNoReadableValueAndNoCopySaysTheOriginalsAreLost() throws IOException {
        applied();
        Map<String, String> tuned = values();
        Files.writeString(state, "garbage{{\n");
        Files.delete(stateDir.resolve("state.json.bak"));
        ScriptOutcome outcome = rollback();
        assertNothingRestored("garbage", outcome, "garbage{{\n", tuned);
        assertThat(outcome.records("recorded")).isEmpty();
        assertThat(outcome.records("note")).singleElement().asString()
                .contains("no recorded value could be read").contains("jts-fleet plan").doesNotContain("above");
    }

    @Test
    void theIntactCopyIsTheWayBackAndApplyRefusesADamagedState() throws IOException {
        String whole = applied();
        Map<String, String> tuned = values();
        String cut = whole.substring(0, whole.length() / 2);
        Files.writeString(state, cut);

        ScriptOutcome reapply = apply();
        assertThat(reapply.exitCode()).as("%s", reapply).isEqualTo(2);
        assertThat(reapply.errors()).singleElement().asString().contains("state.json is damaged")
                .contains("nothing applied");
        assertThat(Files.readString(state)).isEqualTo(cut);

        ScriptOutcome refused = rollback();
        assertNothingRestored("half a state", refused, cut, tuned);
        Path backup = stateDir.resolve("state.json.bak");
        assertThat(refused.records("note")).singleElement().asString()
                .contains("cp -p " + backup + " " + state);
        Files.copy(backup, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(rollback().succeeded()).isTrue();
        assertThat(values()).isEqualTo(original);
    }

    @Test
    void aDeviceThatIsGoneStopsTheRollbackUnlessItIsForgotten() throws IOException {
        applied();
        Map<String, String> tuned = values();
        // sdb was unplugged: its recorded values cannot be restored
        try (var files = Files.walk(sysfs.root.resolve("sys/block/sdb"))) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        tuned.keySet().removeIf(k -> k.startsWith("sdb/"));
        ScriptOutcome refused = rollback();
        assertThat(refused.exitCode()).as("%s", refused).isEqualTo(1);
        assertThat(refused.records("gone")).hasSize(5);
        assertThat(refused.errors()).singleElement().asString().contains("nothing restored")
                .contains("--forget-missing");
        assertThat(values()).isEqualTo(tuned);
        assertThat(state).exists();

        ScriptOutcome forgotten = rollback("forget-missing");
        assertThat(forgotten.succeeded()).as("%s", forgotten).isTrue();
        Map<String, String> expected = new TreeMap<>(original);
        expected.keySet().removeIf(k -> k.startsWith("sdb/"));
        assertThat(values()).isEqualTo(expected);
        assertThat(state).doesNotExist();
    }

    @Test
    void aWriteThatFailsPutsBackWhatTheRollbackWroteAndKeepsTheState() throws IOException {
        String whole = applied();
        Map<String, String> tuned = values();
        // a kernel file that refuses writes stands in for an attribute that returns an error
        Path refusing = sysfs.attribute("sdb", "nomerges");
        Files.delete(refusing);
        Files.createSymbolicLink(refusing, Path.of("/proc/sys/kernel/ostype"));
        tuned.remove("sdb/nomerges");

        ScriptOutcome outcome = rollback();
        assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(1);
        assertThat(outcome.errors()).hasSize(2);
        assertThat(outcome.errors().get(1)).contains("nothing restored").contains("put back");
        assertThat(values()).as("what the rollback wrote before the failure is put back").isEqualTo(tuned);
        assertThat(Files.readString(state)).isEqualTo(whole);
        assertThat(rules).exists();
    }
}
