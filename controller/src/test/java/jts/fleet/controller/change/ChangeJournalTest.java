package jts.fleet.controller.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.change.ChangeContext;
import jts.fleet.remote.change.ChangeLogText;
import jts.fleet.remote.change.ChangeOperator;
import jts.fleet.remote.change.ChangeRecord;
import jts.fleet.remote.change.ChangeRecords;

class ChangeJournalTest {
    @TempDir
    Path tmp;

    static ChangeRecord intent(String host, int i) {
        ChangeOperator alice = new ChangeOperator("alice", 1000, OptionalLong.empty(), Optional.empty(),
                Optional.empty(), Optional.of("jts"), "sudo");
        ChangeContext context = new ChangeContext("20261206T013000Z-3f9a1c", "apply", host, alice, "ws-3", "0.1.0",
                "jts-fleet apply", Optional.of("CHG-" + i), Optional.empty(), false, Optional.empty());
        return ChangeRecord.intent(context, Instant.parse("2026-12-06T01:30:00Z").plusSeconds(i));
    }

    @Test
    void aNewFileIsPrivateInAPrivateDirectoryAndLinesAreAppended() throws Exception {
        ChangeJournal journal = ChangeJournal.in(tmp.resolve("state/jts-fleet"));

        journal.append(intent("db-01", 1));
        journal.append(intent("db-02", 2));

        Path file = tmp.resolve("state/jts-fleet/changes.jsonl");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readAllLines(file)).containsExactly(ChangeRecords.toLine(intent("db-01", 1)),
                ChangeRecords.toLine(intent("db-02", 2)));
        assertThat(journal.read().records()).hasSize(2);
    }

    @Test
    void aFullFileIsRenamedNotRewrittenAndOnlyTheLastFilesAreKept() throws Exception {
        int lineLength = ChangeRecords.toLine(intent("db-01", 1)).length() + 1;
        ChangeJournal journal = new ChangeJournal(tmp.resolve("changes.jsonl"), 2L * lineLength, 2);

        for (int i = 1; i <= 7; i++) {
            journal.append(intent("db-0" + i, i));
        }

        // two lines per file: .2 holds 3-4, .1 holds 5-6, the live file 7; lines 1-2 were dropped with the oldest
        assertThat(journal.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("changes.jsonl.2", "changes.jsonl.1", "changes.jsonl");
        assertThat(journal.read().records()).extracting(r -> r.context().host())
                .containsExactly("db-03", "db-04", "db-05", "db-06", "db-07");
    }

    @Test
    void concurrentWritersNeverTearOrLoseALine() throws Exception {
        ChangeJournal journal = new ChangeJournal(tmp.resolve("changes.jsonl"), 64 << 10, 50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    journal.append(intent("db-" + thread, i));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        ChangeLogText.Parsed parsed = journal.read();
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.records()).hasSize(800);
    }

    @Test
    void anUnreadableFileIsAProblemNotAnError() throws Exception {
        Path file = Files.writeString(tmp.resolve("changes.jsonl"), ChangeRecords.toLine(intent("db-01", 1)) + "\n");
        Files.write(tmp.resolve("changes.jsonl.1"), new byte[] {'{', (byte) 0xff, (byte) 0xfe, '\n'});
        ChangeJournal journal = new ChangeJournal(file, 1 << 20, 3);

        ChangeLogText.Parsed parsed = journal.read();

        assertThat(parsed.records()).hasSize(1);
        assertThat(parsed.problems()).extracting(ChangeLogText.Problem::toString)
                .singleElement().asString().startsWith(tmp.resolve("changes.jsonl.1") + ":1: not JSON");
    }

    @Test
    void checkWritableCreatesTheFileOrSaysWhyNot() throws Exception {
        ChangeJournal journal = ChangeJournal.in(tmp.resolve("state"));
        journal.checkWritable();
        assertThat(tmp.resolve("state/changes.jsonl")).exists().isEmptyFile();

        Path blocked = Files.writeString(tmp.resolve("not-a-dir"), "x", StandardCharsets.UTF_8);
        ChangeJournal impossible = ChangeJournal.in(blocked);
        org.assertj.core.api.Assertions.assertThatThrownBy(impossible::checkWritable)
                .isInstanceOf(java.io.IOException.class);
    }
}
