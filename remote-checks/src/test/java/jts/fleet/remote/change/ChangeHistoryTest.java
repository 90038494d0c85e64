package jts.fleet.remote.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ChangeHistoryTest {
    private static final String RUN_1 = "20261201T140000Z-aaaaaa";
    private static final String RUN_2 = "20261202T090000Z-bbbbbb";

    @Test
    void anIntentWithItsOutcomeIsOneFinishedEntryNewestFirst() {
        List<ChangeRecord> lines = List.of(
                Records.intent(RUN_1, "db-07", "2026-12-01T14:00:00Z"),
                Records.outcome(RUN_1, "db-07", "2026-12-01T14:00:03Z", ChangeRecord.Result.CHANGED,
                        ChangeItem.of("nvme0n1", "scheduler", "mq-deadline", "none", ChangeItem.Result.CHANGED)),
                Records.intent(RUN_2, "db-07", "2026-12-02T09:00:00Z"),
                Records.outcome(RUN_2, "db-07", "2026-12-02T09:00:01Z", ChangeRecord.Result.OK));

        List<ChangeHistory.Entry> entries = ChangeHistory.entries(lines, ChangeHistory.Query.ALL);

        assertThat(entries).extracting(e -> e.context().runId()).containsExactly(RUN_2, RUN_1);
        ChangeHistory.Entry older = entries.get(1);
        assertThat(older.status()).isEqualTo("changed");
        assertThat(older.started()).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
        assertThat(older.finished()).contains(Instant.parse("2026-12-01T14:00:03Z"));
        assertThat(older.changes()).extracting(ChangeItem::describe)
                .containsExactly("nvme0n1 scheduler: mq-deadline -> none (changed)");
    }

    /**
     * Host lines carry whole seconds: an apply and the rollback right after it can start in the same second. The one
     * written later is the newer (ChangeControlIT saw them the other way round now and then).
     */
    @Test
    void ofTwoChangesStartedInTheSameSecondTheLaterWrittenIsNewer() {
        List<ChangeRecord> lines = List.of(
                Records.intent(RUN_1, "db-07", "2026-12-01T14:00:00Z"),
                Records.outcome(RUN_1, "db-07", "2026-12-01T14:00:00Z", ChangeRecord.Result.CHANGED),
                Records.intent(RUN_2, "db-07", "2026-12-01T14:00:00Z"),
                Records.outcome(RUN_2, "db-07", "2026-12-01T14:00:00Z", ChangeRecord.Result.CHANGED),
                Records.intent(RUN_1, "db-08", "2026-12-01T14:00:00Z"));

        assertThat(ChangeHistory.entries(lines, ChangeHistory.Query.ALL)).extracting(e -> e.context().host() + " "
                + e.context().runId()).containsExactly("db-07 " + RUN_2, "db-07 " + RUN_1, "db-08 " + RUN_1);
    }

    @Test
    void anIntentWithoutOutcomeIsUnfinished() {
        List<ChangeHistory.Entry> entries = ChangeHistory.entries(List.of(
                Records.intent(RUN_1, "db-07", "2026-12-01T14:00:00Z"),
                Records.intent(RUN_1, "db-08", "2026-12-01T14:00:00Z"),
                Records.outcome(RUN_1, "db-08", "2026-12-01T14:00:02Z", ChangeRecord.Result.OK)),
                ChangeHistory.Query.ALL);

        assertThat(entries).extracting(e -> e.context().host() + " " + e.status())
                .containsExactly("db-07 unfinished", "db-08 ok");
        assertThat(entries.get(0).unfinished()).isTrue();
        assertThat(entries.get(0).finished()).isEmpty();
    }

    @Test
    void aRefusalHasNoIntentAndIsFinished() {
        ChangeRecord refused = ChangeRecord.outcome(Records.context(RUN_1, "db-07"),
                Instant.parse("2026-12-01T14:00:00Z"), ChangeRecord.Result.REFUSED,
                Optional.of("db-07: apply refused: inside maintenance.blackout[0]"), List.of());

        ChangeHistory.Entry entry = ChangeHistory.entries(List.of(refused), ChangeHistory.Query.ALL).get(0);

        assertThat(entry.status()).isEqualTo("refused");
        assertThat(entry.message()).contains("db-07: apply refused: inside maintenance.blackout[0]");
    }

    @Test
    void hostLinesOfSeveralStepsAndTwoCopiesMergeIntoOneEntry() {
        ChangeContext context = Records.context(RUN_1, "db-07");
        Instant t0 = Instant.parse("2026-12-01T14:00:00Z");
        ChangeRecord install1 = host(ChangeRecord.Event.INTENT, context, t0, "install-file", Optional.empty());
        ChangeRecord install1Done = host(ChangeRecord.Event.OUTCOME, context, t0.plusSeconds(1), "install-file",
                Optional.of(ChangeRecord.Result.CHANGED));
        ChangeRecord activate = host(ChangeRecord.Event.INTENT, context, t0.plusSeconds(2), "trim-activate",
                Optional.empty());

        // the same host listed twice in an inventory: every line read twice
        List<ChangeHistory.Entry> entries = ChangeHistory.entries(List.of(install1, install1Done, activate, install1,
                install1Done, activate), ChangeHistory.Query.ALL);

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).status()).as("trim-activate never ended").isEqualTo("unfinished");
        assertThat(entries.get(0).sources()).containsExactly(ChangeRecord.Source.HOST);
        assertThat(entries.get(0).node()).contains("db07.prod.internal");
    }

    @Test
    void twoFilesInstalledInTheSameSecondAreBothKept() {
        ChangeContext context = Records.context(RUN_1, "db-07");
        Instant t0 = Instant.parse("2026-12-01T14:00:00Z");
        List<ChangeRecord> lines = new java.util.ArrayList<>();
        for (String file : List.of("/etc/jts-fleet/trim.conf", "/etc/systemd/system/jts-fstrim.timer")) {
            ChangeItem planned = ChangeItem.of(file, "sha256", null, "ab", ChangeItem.Result.PLANNED);
            ChangeItem done = ChangeItem.of(file, "sha256", null, "ab", ChangeItem.Result.CHANGED);
            lines.add(new ChangeRecord(ChangeRecord.Event.INTENT, ChangeRecord.Source.HOST, t0, context,
                    Optional.of("db07"), Optional.of("install-file"), Optional.empty(), Optional.empty(),
                    List.of(planned)));
            lines.add(new ChangeRecord(ChangeRecord.Event.OUTCOME, ChangeRecord.Source.HOST, t0, context,
                    Optional.of("db07"), Optional.of("install-file"), Optional.of(ChangeRecord.Result.CHANGED),
                    Optional.empty(), List.of(done)));
        }

        List<ChangeHistory.Entry> entries = ChangeHistory.entries(lines, ChangeHistory.Query.ALL);

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo("changed");
            assertThat(e.changes()).extracting(ChangeItem::target)
                    .containsExactly("/etc/jts-fleet/trim.conf", "/etc/systemd/system/jts-fstrim.timer");
        });
    }

    @Test
    void theWorstOutcomeOfSeveralStepsIsTheEntrysStatus() {
        ChangeContext context = Records.context(RUN_1, "db-07");
        Instant t0 = Instant.parse("2026-12-01T14:00:00Z");
        List<ChangeHistory.Entry> entries = ChangeHistory.entries(List.of(
                host(ChangeRecord.Event.OUTCOME, context, t0, "install-file", Optional.of(ChangeRecord.Result.CHANGED)),
                host(ChangeRecord.Event.OUTCOME, context, t0, "trim-activate", Optional.of(ChangeRecord.Result.FAILED)),
                host(ChangeRecord.Event.OUTCOME, context, t0, "other", Optional.of(ChangeRecord.Result.OK))),
                ChangeHistory.Query.ALL);

        assertThat(entries.get(0).status()).isEqualTo("failed");
    }

    @Test
    void queriesSelectByTimeReasonAndHost() {
        List<ChangeRecord> lines = List.of(
                Records.outcome(RUN_1, "db-07", "2026-12-01T14:00:03Z", ChangeRecord.Result.CHANGED),
                Records.outcome(RUN_2, "db-07", "2026-12-02T09:00:01Z", ChangeRecord.Result.OK),
                Records.outcome(RUN_2, "kafka-01", "2026-12-02T09:00:01Z", ChangeRecord.Result.OK));

        assertThat(ChangeHistory.entries(lines, new ChangeHistory.Query(
                Optional.of(Instant.parse("2026-12-01T00:00:00Z")), Optional.of(Instant.parse("2026-12-02T00:00:00Z")),
                Optional.empty(), h -> true))).extracting(e -> e.context().runId()).containsExactly(RUN_1);
        assertThat(ChangeHistory.entries(lines, new ChangeHistory.Query(Optional.empty(), Optional.empty(),
                Optional.of("chg-12"), h -> h.startsWith("kafka")))).extracting(e -> e.context().host())
                .containsExactly("kafka-01");
        assertThat(ChangeHistory.entries(lines, new ChangeHistory.Query(Optional.empty(), Optional.empty(),
                Optional.of("INC-9"), h -> true))).isEmpty();
    }

    private static ChangeRecord host(ChangeRecord.Event event, ChangeContext context, Instant time, String step,
                                     Optional<ChangeRecord.Result> result) {
        return new ChangeRecord(event, ChangeRecord.Source.HOST, time, context, Optional.of("db07.prod.internal"),
                Optional.of(step), result, Optional.empty(), List.of());
    }
}
