package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.QueueAttribute;

/** Parsers of what the host scripts print, on hand-written and garbage input. */
class ScriptOutputParsingTest {
    @Test
    void outcomeWithoutResultIsAFailureNamingTheHost() {
        ScriptOutcome o = ScriptOutcome.parse("db-01", 137, "changed\tsda\tscheduler\tnone\tkyber\n", "Killed");

        assertThat(o.succeeded()).isFalse();
        assertThat(o.result()).isEqualTo("missing");
        assertThat(o.errors()).containsExactly("db-01: script exited 137 (Killed)");
    }

    @Test
    void valuesWithSpacesSurviveTheTabFraming() {
        ScriptOutcome o = ScriptOutcome.parse("db-01", 0,
                "changed\tnvme0n1\twrite_cache\twrite back\twrite through\nresult\tapplied\n", "");

        assertThat(o.succeeded()).isTrue();
        assertThat(o.records("changed")).singleElement().satisfies(r -> {
            assertThat(r.field(2)).isEqualTo("write back");
            assertThat(r.field(3)).isEqualTo("write through");
        });
    }

    @Test
    void tuneReadOutputUnescapesAndRejectsGarbage() {
        HostTuningFiles files = HostTuningFiles.parse("db-01",
                "@@jts-tune-read 1\n@@file rules present\n\\@@end is content\n# x\n@@end\n@@file state absent\n@@end\n");

        assertThat(files.rules()).contains("@@end is content\n# x\n");
        assertThat(files.state()).isEmpty();
        assertThatThrownBy(() -> HostTuningFiles.parse("db-01", "@@jts-tune-read 1\n@@file rules present\nx\n"))
                .hasMessage("db-01: tune-read output truncated in rules");
        assertThatThrownBy(() -> HostTuningFiles.parse("db-01", "hello\n"))
                .hasMessageStartingWith("db-01: tune-read output line 1");
    }

    @Test
    void stateJsonIsValidatedEntryByEntry() {
        String ok = """
                {
                  "format": "jts-fleet-tuning-state 1",
                  "rules_path": "/etc/udev/rules.d/60-jts-fleet.rules",
                  "rules_before": "absent",
                  "entries": [
                    {"device": "sda", "attribute": "scheduler", "value": "mq-deadline"}
                  ]
                }
                """;
        assertThat(TuningState.parse("db-01", ok).original("sda", QueueAttribute.SCHEDULER)).contains("mq-deadline");

        assertThatThrownBy(() -> TuningState.parse("db-01", ok.replace("\"sda\"", "\"../sda\"")))
                .hasMessageStartingWith("db-01: state.json is damaged (entries[0] is not a valid entry");
        assertThatThrownBy(() -> TuningState.parse("db-01", ok.replace("scheduler", "queue_depth")))
                .hasMessageStartingWith("db-01: state.json is damaged (entries[0]");
        assertThatThrownBy(() -> TuningState.parse("db-01", "{\"format\": \"other\"}"))
                .hasMessageContaining("format");
        assertThatThrownBy(() -> TuningState.parse("db-01", "{ not json"))
                .hasMessageStartingWith("db-01: state.json is damaged (not JSON");
    }
}
