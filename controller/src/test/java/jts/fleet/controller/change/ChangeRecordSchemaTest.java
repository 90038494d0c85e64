package jts.fleet.controller.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.e2e.JsonSchemas;
import jts.fleet.controller.fleet.HostResult;
import jts.fleet.controller.maintenance.ChangeFreeze;
import jts.fleet.controller.transport.FailureClass;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.change.HostChangeLog;

/** Every line the controller and a host script write is valid against docs/schema/change-record.schema.json. */
class ChangeRecordSchemaTest {
    @TempDir
    Path tmp;

    static HostSpec host(String name) {
        return new HostSpec(name, HostSpec.Connection.SSH, "10.0.0.7", 22, "jts", Optional.empty(), Optional.empty(),
                HostSpec.Become.SUDO, List.of("prod"), Optional.empty(),
                new Policy(List.of(), new Maintenance(List.of(), "Sat *-*-* 02:00:00 UTC", 60), java.util.Map.of()));
    }

    static ChangeRun run(Path file) {
        return new ChangeRun(new ChangeJournal(file, 1 << 20, 3), Clock.fixed(Instant.parse("2026-12-06T01:30:00Z"),
                ZoneOffset.UTC), new ChangeRun.Header("20261206T013000Z-3f9a", "apply", OperatorIdentity.current(),
                "ws-3", "0.1.0", "jts-fleet apply --reason CHG-1", Optional.of("CHG-1"), false));
    }

    @Test
    void controllerLinesOfEveryKind() throws Exception {
        Path file = tmp.resolve("changes.jsonl");
        ChangeRun run = run(file);
        run.intent(host("db-01"));
        run.outcome(host("db-01"), new HostResult.Ok<>("db-01", "value", true));
        run.outcome(host("db-02"), new HostResult.Failed<>("db-02", FailureClass.TIMEOUT, "db-02: deadline"));
        run.outcome(host("db-03"), new HostResult.Unreachable<>("db-03", "db-03: no route"));
        run.refused(new ChangeFreeze.Refusal(host("db-04"), "db-04: apply refused: inside maintenance.blackout[0]"));
        run.notStarted(host("db-05"), "rollout stopped");

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(6);
        lines.forEach(line -> JsonSchemas.validate("change-record", line));
    }

    @Test
    void hostLinesWrittenByThePrelude() throws Exception {
        ChangeRun run = run(tmp.resolve("changes.jsonl"));
        Path script = Files.writeString(tmp.resolve("record.sh"), HostChangeLog.withPrelude("#!/bin/sh\n"
                + "set -u\nwork=$(mktemp -d)\n"
                + "change_open \"$1\" \"$2\" tune-apply '' \"$work\" || exit 3\n"
                + "change_item sda scheduler mq-deadline none planned\nchange_write intent\n"
                + "change_item sda scheduler mq-deadline none changed\nchange_write outcome changed\n"
                + "rm -rf \"$work\"\n"));
        Process p = new ProcessBuilder("sh", script.toString(), run.contextLine(host("db-01")), tmp.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();

        List<String> lines = Files.readAllLines(tmp.resolve(HostChangeLog.FILE_NAME));
        assertThat(lines).hasSize(2);
        lines.forEach(line -> JsonSchemas.validate("change-record", line));
    }
}
