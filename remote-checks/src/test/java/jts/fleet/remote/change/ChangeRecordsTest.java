package jts.fleet.remote.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeRecordsTest {
    @Test
    void anOutcomeLineReadsBackAsItWasWritten() {
        ChangeRecord record = ChangeRecord.outcome(Records.context("20261206T013000Z-3f9a1c", "db-07"),
                Instant.parse("2026-12-06T01:30:02.250Z"), ChangeRecord.Result.CHANGED, Optional.of("restored nothing"),
                List.of(ChangeItem.of("nvme0n1", "scheduler", "mq-deadline", "none", ChangeItem.Result.CHANGED),
                        ChangeItem.of("/etc/jts-fleet/trim.conf", "sha256", null, "ab12", ChangeItem.Result.CHANGED)
                                .withNote("new file")));

        String line = ChangeRecords.toLine(record);

        assertThat(line).doesNotContain("\n").startsWith("{\"format\":\"jts-fleet-change 1\",\"event\":\"outcome\"");
        assertThat(ChangeRecords.parse(line)).isEqualTo(record);
    }

    @Test
    void linesAreAsciiWhateverTheReasonHolds() {
        ChangeContext context = Records.context("20261206T013000Z-3f9a1c", "db-07");
        ChangeContext withUmlaut = new ChangeContext(context.runId(), "apply", "db-07", context.operator(), "ws-3",
                "0.1.0", "jts-fleet apply --reason 'Prüfung\nnext line'", Optional.of("Prüfung\nnext line"),
                Optional.empty(), true, Optional.of("maintenance.blackout[0] mon-fri 07:00-22:30 America/New_York"));

        String line = ChangeRecords.toLine(ChangeRecord.intent(withUmlaut, Instant.parse("2026-12-06T01:30:00Z")));

        assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(line).contains("Pr\\u00FCfung\\nnext line");
        assertThat(ChangeRecords.parse(line).context()).isEqualTo(withUmlaut);
        assertThat(ChangeRecords.contextLine(withUmlaut)).startsWith("{\"run_id\":\"20261206T013000Z-3f9a1c\"")
                .endsWith("}").doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json                 | {\"format\":                                          | not JSON",
        "an array                 | [1,2]                                                | not a JSON object",
        "another format           | {\"format\":\"jts-fleet-change 2\"}                  | format \"jts-fleet-change 2\"",
        "no event                 | {\"format\":\"jts-fleet-change 1\"}                  | missing event",
    })
    void aBadLineIsRefusedWithWhatIsWrong(String name, String line, String message) {
        assertThatThrownBy(() -> ChangeRecords.parse(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aWrongFieldIsNamed() {
        String good = ChangeRecords.toLine(Records.outcome("20261206T013000Z-3f9a1c", "db-07", "2026-12-06T01:30:00Z",
                ChangeRecord.Result.OK, ChangeItem.of("sda", "scheduler", "none", "none", ChangeItem.Result.OK)));

        assertThatThrownBy(() -> ChangeRecords.parse(good.replace("\"uid\":1000", "\"uid\":\"x\"")))
                .hasMessage("operator.uid is not a number");
        assertThatThrownBy(() -> ChangeRecords.parse(good.replace("\"result\":\"ok\"}", "\"result\":\"done\"}")))
                .hasMessageContaining("changes[0].result \"done\"");
        assertThatThrownBy(() -> ChangeRecords.parse(good.replace("\"run_id\":\"20261206T013000Z-3f9a1c\"",
                "\"run_id\":\"x; rm -rf /\""))).hasMessageContaining("run_id \"x; rm -rf /\"");
        assertThatThrownBy(() -> ChangeRecords.parse(good.replace("\"result\":\"ok\",", "")))
                .hasMessage("outcome without a result");
    }

    @Test
    void unknownFieldsOfALaterVersionAreIgnored() {
        String line = ChangeRecords.toLine(Records.intent("20261206T013000Z-3f9a1c", "db-07", "2026-12-06T01:30:00Z"));
        String later = line.substring(0, line.length() - 1) + ",\"ticket_url\":\"https://tickets/CHG-1234\"}";

        assertThat(ChangeRecords.parse(later)).isEqualTo(ChangeRecords.parse(line));
    }
}
