package jts.fleet.remote.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChangeLogTextTest {
    @Test
    void aCorruptLineIsReportedWithFileAndLineAndTheOthersAreRead() {
        String first = ChangeRecords.toLine(Records.intent("20261206T013000Z-3f9a1c", "db-07", "2026-12-06T01:30:00Z"));
        String second = ChangeRecords.toLine(Records.outcome("20261206T013000Z-3f9a1c", "db-07",
                "2026-12-06T01:30:02Z", ChangeRecord.Result.CHANGED));
        String text = first + "\n" + "\n" + second.substring(0, 40) + "\n" + "garbage\u0000\n" + second + "\n";

        ChangeLogText.Parsed parsed = ChangeLogText.parse("/home/alice/.local/state/jts-fleet/changes.jsonl", text);

        assertThat(parsed.records()).hasSize(2);
        assertThat(parsed.problems()).extracting(Object::toString).containsExactly(
                "/home/alice/.local/state/jts-fleet/changes.jsonl:3: not JSON at column 41: Unexpected end-of-input:"
                        + " was expecting closing quote for a string value: skipped",
                "/home/alice/.local/state/jts-fleet/changes.jsonl:4: not JSON at column 1: Unrecognized token"
                        + " 'garbage\\x00': was expecting (JSON String, Number, Array, Object or token 'null', 'true'"
                        + " or 'false'): skipped");
    }

    @Test
    void aLastLineWithoutItsLineBreakIsRead() {
        String line = ChangeRecords.toLine(Records.intent("20261206T013000Z-3f9a1c", "db-07", "2026-12-06T01:30:00Z"));

        assertThat(ChangeLogText.parse("f", line).records()).hasSize(1);
    }
}
