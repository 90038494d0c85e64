package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.change.ChangeContext;
import jts.fleet.remote.change.ChangeItem;
import jts.fleet.remote.change.ChangeOperator;
import jts.fleet.remote.change.ChangeRecord;
import jts.fleet.remote.change.ChangeRecords;

/**
 * {@code history} over a change file the inventory names ({@code defaults.change_file}): newest first, an intent
 * without outcome unfinished, filters by reason, time and host, a damaged line named with file:line and skipped.
 */
class HistoryCliTest {
    private static final ChangeOperator ALICE = new ChangeOperator("alice", 1000, OptionalLong.empty(),
            Optional.empty(), Optional.empty(), Optional.of("jts"), "sudo");

    @TempDir
    Path dir;

    private static ChangeContext context(String run, String host, String reason) {
        return new ChangeContext(run, "apply", host, ALICE, "ops-3", "0.1.0", "jts-fleet apply -H " + host,
                Optional.of(reason), Optional.of("sha256:0011223344556677"), false, Optional.empty());
    }

    private Path fleet() throws Exception {
        ChangeContext db7 = context("20261201T140000Z-aaaa", "db-07", "CHG-1 scheduler");
        ChangeContext db8 = context("20261203T090000Z-bbbb", "db-08", "INC-9 hotfix");
        Path file = dir.resolve("audit/changes.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(
                ChangeRecords.toLine(ChangeRecord.intent(db7, Instant.parse("2026-12-01T14:00:00Z"))),
                ChangeRecords.toLine(ChangeRecord.outcome(db7, Instant.parse("2026-12-01T14:00:03Z"),
                        ChangeRecord.Result.CHANGED, Optional.empty(), List.of(ChangeItem.of("nvme0n1", "scheduler",
                                "mq-deadline", "none", ChangeItem.Result.CHANGED)))),
                "{\"format\":\"jts-fleet-change 1\",\"event\":\"outc",
                ChangeRecords.toLine(ChangeRecord.intent(db8, Instant.parse("2026-12-03T09:00:00Z")))));
        return Files.writeString(dir.resolve("inv.yaml"), "defaults: {change_file: " + file + "}\nhosts:\n"
                + "  db-07: {connection: local}\n  db-08: {connection: local}\n");
    }

    @Test
    void newestFirstWithTheUnfinishedOneAndTheDamagedLineNamed() throws Exception {
        Path inventory = fleet();

        CliRun json = CliRun.of("history", "--inventory", inventory.toString(), "-o", "json");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode doc = Json.MAPPER.readTree(json.out());
        assertThat(doc.path("changes")).extracting(e -> e.path("host").asText() + " " + e.path("status").asText())
                .containsExactly("db-08 unfinished", "db-07 changed");
        assertThat(doc.path("changes").get(1).path("changes").get(0).path("before").asText()).isEqualTo("mq-deadline");
        assertThat(doc.path("problems")).singleElement().satisfies(p -> {
            assertThat(p.path("file").asText()).endsWith("audit/changes.jsonl");
            assertThat(p.path("line").asInt()).isEqualTo(3);
        });
        assertThat(json.err()).contains("audit/changes.jsonl:3: ").contains("skipped");

        CliRun text = CliRun.of("history", "--inventory", inventory.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).containsPattern("db-08 +apply +unfinished +alice as jts with sudo +INC-9 hotfix")
                .containsPattern("db-07 +apply +changed +alice as jts with sudo +CHG-1 scheduler")
                .contains("nvme0n1 scheduler: mq-deadline -> none (changed)");
    }

    @Test
    void filtersByReasonTimeAndHost() throws Exception {
        Path inventory = fleet();
        for (String[] query : new String[][] {{"--reason", "chg-1"}, {"--until", "2026-12-02T00:00:00Z"},
            {"-H", "db-07"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("history", "--inventory", inventory.toString(),
                    "-o", "json"));
            args.addAll(List.of(query));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(Json.MAPPER.readTree(run.out()).path("changes")).as(String.join(" ", query))
                    .extracting(e -> e.path("run_id").asText()).containsExactly("20261201T140000Z-aaaa");
        }
        CliRun since = CliRun.of("history", "--inventory", inventory.toString(), "-o", "json", "--since",
                "2026-12-02T00:00:00Z");
        assertThat(Json.MAPPER.readTree(since.out()).path("changes")).extracting(e -> e.path("host").asText())
                .containsExactly("db-08");
        CliRun bad = CliRun.of("history", "--inventory", inventory.toString(), "--since", "last tuesday");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(jts.fleet.controller.ExitCodes.USAGE);
        assertThat(bad.err()).contains("--since");
    }
}
