package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.change.ChangeContext;
import jts.fleet.remote.change.ChangeItem;
import jts.fleet.remote.change.ChangeLogText;
import jts.fleet.remote.change.ChangeOperator;
import jts.fleet.remote.change.ChangeRecord;
import jts.fleet.remote.change.ChangeRecords;

/**
 * tune-apply.sh and tune-rollback.sh record their own change on the host when the controller hands them its change
 * context: an intent before the first write, an outcome after, with each attribute's before and after as the fake
 * sysfs shows them; nothing without a context; a bad context is refused before anything is touched.
 */
class TuningChangeRecordScriptTest {
    private static final String RULES = TuningScriptHost.RULES;
    private static final ChangeContext CONTEXT = new ChangeContext("20261206T013000Z-3f9a1c", "apply", "test-host",
            new ChangeOperator("alice", 1000, OptionalLong.of(1000), Optional.of("alice"), Optional.empty(),
                    Optional.of("jts"), "sudo"),
            "ws-3", "0.1.0", "jts-fleet apply -H test-host --reason CHG-1", Optional.of("CHG-1"),
            Optional.of("sha256:0011223344556677"), false, Optional.empty());

    @TempDir
    Path tmp;
    TuningScriptHost host;
    FakeSysfs sysfs;
    Path stateDir;
    Path rules;

    @BeforeEach
    void tree() {
        host = new TuningScriptHost(tmp);
        sysfs = host.sysfs;
        stateDir = host.stateDir;
        rules = host.rules;
    }

    private ScriptOutcome apply(String planLines, String context) {
        return host.apply(planLines, RULES, context);
    }

    private ScriptOutcome rollback(String context) {
        return host.rollback("keep", context);
    }

    private List<ChangeRecord> records() throws IOException {
        Path file = stateDir.resolve("changes.jsonl");
        ChangeLogText.Parsed parsed = ChangeLogText.parse(file.toString(), Files.readString(file));
        assertThat(parsed.problems()).isEmpty();
        return parsed.records();
    }

    private static List<String> items(ChangeRecord record) {
        return record.changes().stream().map(ChangeItem::describe).toList();
    }

    @Test
    void applyRecordsItsIntentAndOutcomeWithTheValuesBeforeAndAfter() throws IOException {
        String context = ChangeRecords.contextLine(CONTEXT);
        ScriptOutcome outcome = apply("set sda scheduler none\nset sda read_ahead_kb 256\nset nvme0n1 scheduler none\n",
                context);

        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        List<ChangeRecord> lines = records();
        assertThat(lines).extracting(ChangeRecord::event)
                .containsExactly(ChangeRecord.Event.INTENT, ChangeRecord.Event.OUTCOME);
        assertThat(lines).allSatisfy(r -> {
            assertThat(r.source()).isEqualTo(ChangeRecord.Source.HOST);
            assertThat(r.context()).isEqualTo(CONTEXT);
            assertThat(r.step()).contains("apply");
        });
        String rulesSha = sha256(RULES);
        assertThat(items(lines.get(0))).containsExactly(
                "sda scheduler: mq-deadline -> none (planned)",
                "sda read_ahead_kb: 128 -> 256 (planned)",
                rules + " sha256: - -> " + rulesSha + " (planned)");
        assertThat(lines.get(1).result()).contains(ChangeRecord.Result.CHANGED);
        assertThat(items(lines.get(1))).containsExactly(
                "sda scheduler: mq-deadline -> " + sysfs.read("sda", "scheduler") + " (changed)",
                "sda read_ahead_kb: 128 -> " + sysfs.read("sda", "read_ahead_kb") + " (changed)",
                "nvme0n1 scheduler: none (ok)",
                rules + " sha256: - -> " + rulesSha + " (changed)");

        ScriptOutcome again = apply("set sda scheduler none\nset sda read_ahead_kb 256\nset nvme0n1 scheduler none\n",
                context);
        assertThat(again.succeeded()).isTrue();
        List<ChangeRecord> after = records();
        assertThat(after).hasSize(4);
        assertThat(items(after.get(2))).as("nothing planned").isEmpty();
        assertThat(after.get(3).result()).contains(ChangeRecord.Result.OK);
    }

    @Test
    void aFailedApplyRecordsWhatItPutBack() throws IOException {
        // a real kernel file that refuses writes stands in for a sysfs attribute that returns an error
        Files.createSymbolicLink(sysfs.attribute("nvme0n1", "nomerges"), Path.of("/proc/sys/kernel/ostype"));

        ScriptOutcome outcome = apply("set sda scheduler kyber\nset nvme0n1 nomerges 2\n",
                ChangeRecords.contextLine(CONTEXT));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(sysfs.read("sda", "scheduler")).isEqualTo("mq-deadline");
        List<ChangeRecord> lines = records();
        assertThat(lines).extracting(ChangeRecord::event)
                .containsExactly(ChangeRecord.Event.INTENT, ChangeRecord.Event.OUTCOME);
        ChangeRecord failed = lines.get(1);
        assertThat(failed.result()).contains(ChangeRecord.Result.FAILED);
        assertThat(failed.message()).hasValueSatisfying(m -> assertThat(m).contains("nvme0n1/queue/nomerges"));
        assertThat(failed.changes()).filteredOn(i -> i.target().equals("sda") && i.attribute().equals("scheduler"))
                .singleElement().satisfies(i -> {
                    assertThat(i.result()).isEqualTo(ChangeItem.Result.ROLLED_BACK);
                    assertThat(i.before()).contains("kyber");
                    assertThat(i.after()).contains("mq-deadline");
                });
        assertThat(failed.changes()).as("the rules file was not reached").noneMatch(i -> i.target().equals(rules.toString()));
        assertThat(rules).doesNotExist();
    }

    @Test
    void rollbackRecordsEveryValuePutBackAndTheRulesFileRemoved() throws IOException {
        assertThat(apply("set sda scheduler bfq\nset sda read_ahead_kb 512\n", "").succeeded()).isTrue();
        assertThat(stateDir.resolve("changes.jsonl")).as("no context: nothing recorded").doesNotExist();

        ScriptOutcome undo = rollback(ChangeRecords.contextLine(CONTEXT));

        assertThat(undo.succeeded()).as(undo.toString()).isTrue();
        List<ChangeRecord> lines = records();
        assertThat(lines).extracting(ChangeRecord::event)
                .containsExactly(ChangeRecord.Event.INTENT, ChangeRecord.Event.OUTCOME);
        assertThat(lines.get(0).step()).contains("rollback");
        assertThat(items(lines.get(0))).contains("sda scheduler: bfq -> mq-deadline (planned)",
                "sda read_ahead_kb: 512 -> 128 (planned)",
                rules + " sha256: " + sha256(RULES) + " -> - (planned: removed)");
        assertThat(lines.get(1).result()).contains(ChangeRecord.Result.CHANGED);
        assertThat(items(lines.get(1))).contains("sda scheduler: bfq -> mq-deadline (rolled-back)",
                "sda read_ahead_kb: 512 -> 128 (rolled-back)",
                rules + " sha256: " + sha256(RULES) + " -> - (changed: removed)");
        assertThat(sysfs.read("sda", "scheduler")).isEqualTo("mq-deadline");
        assertThat(sysfs.read("sda", "read_ahead_kb")).isEqualTo("128");
    }

    @Test
    void aContextThatIsNotTheControllersJsonIsRefusedBeforeAnythingIsTouched() throws IOException {
        Map<String, String> before = sysfs.snapshot();

        ScriptOutcome outcome = apply("set sda scheduler none\n", "{\"run_id\":\"x\"; rm -rf /}");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.errors()).singleElement().asString().contains("change context");
        assertThat(sysfs.snapshot()).isEqualTo(before);
        assertThat(stateDir.resolve("changes.jsonl")).doesNotExist();
        assertThat(stateDir.resolve("state.json")).doesNotExist();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
