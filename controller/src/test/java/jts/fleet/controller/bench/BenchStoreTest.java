package jts.fleet.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.bench.BenchDocument;
import jts.fleet.remote.bench.ProfileSummary;
import jts.fleet.remote.bench.QueueSettings;
import jts.fleet.remote.bench.TargetDevices;

class BenchStoreTest {
    @TempDir
    Path temp;

    static BenchDocument doc(String run, String host) {
        ProfileSummary s = new ProfileSummary("pg-wal", 1234.5, 0, 1234.5, 10_113_024, 1234, 700.0, 650.0, 1200.0, 2400.0,
                5000.0, 650.0, 1100.0, 2000.0, 4100.0, 2.5, 10.0, 101.25, 1000, true, false, null);
        return new BenchDocument(BenchDocument.SCHEMA, run, host, "hot", "before", "2026-11-23T12:00Z", "6.1.0", "fio-3.33",
                "io_uring", true, "O_DIRECT accepted", new TargetDevices("/data", "ext2/ext3", "/dev/nvme0n1", "259:0",
                List.of(new QueueSettings("nvme0n1", "top,leaf", Map.of("scheduler", "[none] mq-deadline")))), 1, 8L << 20,
                List.of(new BenchDocument.ProfileResult(s, 0, "", 1200, 200, null)));
    }

    @Test
    void saveLoadListAndPrefixes() throws Exception {
        BenchStore store = new BenchStore(temp.resolve("bench"));
        assertThat(store.list()).isEmpty();
        store.save(doc("20261123T120000Z-abcd", "db-01"), "db-01");
        store.save(doc("20261123T120000Z-abcd", "db-02"), "db-02");
        store.save(doc("20261124T120000Z-ef01", "db-01"), "db-01");
        assertThat(store.load("20261123T120000Z-abcd")).containsExactly(doc("20261123T120000Z-abcd", "db-01"),
                doc("20261123T120000Z-abcd", "db-02"));
        assertThat(store.load("20261124")).singleElement().extracting(BenchDocument::runId).isEqualTo("20261124T120000Z-ef01");
        assertThatThrownBy(() -> store.load("2026112")).hasMessageContaining("is ambiguous")
                .hasMessageContaining("20261123T120000Z-abcd, 20261124T120000Z-ef01");
        assertThatThrownBy(() -> store.load("1999")).hasMessageStartingWith("no bench run 1999 in ");
        assertThat(store.list()).extracting(BenchStore.RunInfo::runId).containsExactly("20261123T120000Z-abcd", "20261124T120000Z-ef01");
        assertThat(store.list().get(0).hosts()).containsExactly("db-01", "db-02");
        assertThat(store.list().get(0).profiles()).containsExactly("pg-wal");
        try (var files = Files.list(temp.resolve("bench/20261123T120000Z-abcd"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("db-01.json", "db-02.json");
        }
        String json = Files.readString(temp.resolve("bench/20261123T120000Z-abcd/db-01.json"));
        assertThat(json).contains("\"clat_p99_us\" : 1200.0").contains("\"sync_lat_p99_us\" : 1100.0").contains("\"page_cache\" : false");
    }

    @Test
    void defaultRootIsUnderTheUsersDataDir() {
        var dirs = jts.fleet.inventory.UserDirs.of(Map.of("HOME", "/home/ops"), "/root");
        assertThat(BenchStore.defaultRoot(dirs)).isEqualTo(Path.of("/home/ops/.local/share/jts-fleet/bench"));
    }

    @Test
    void experimentRequestsAreValidated() {
        var p = new jts.fleet.remote.bench.BenchParameters(1, 16L << 20);
        assertThat(ExperimentRequest.parse("scheduler=none,mq-deadline", "pg-wal", "/data", 3, p).valueB()).isEqualTo("mq-deadline");
        assertThatThrownBy(() -> ExperimentRequest.parse("scheduler=none", "pg-wal", "/data", 3, p))
                .hasMessage("--set scheduler: give exactly two values A,B, got \"none\"");
        assertThatThrownBy(() -> ExperimentRequest.parse("elevator=none,bfq", "pg-wal", "/data", 3, p))
                .hasMessageStartingWith("--set: unknown queue attribute \"elevator\" (allowed: scheduler, read_ahead_kb");
        assertThatThrownBy(() -> ExperimentRequest.parse("read_ahead_kb=128,4096;reboot", "pg-wal", "/data", 3, p))
                .hasMessageContaining("must match");
        assertThatThrownBy(() -> ExperimentRequest.parse("write_cache=0,1", "pg-wal", "/data", 3, p))
                .hasMessage("--set write_cache is not allowed in experiments");
        assertThatThrownBy(() -> ExperimentRequest.parse("scheduler=none,none", "pg-wal", "/data", 3, p))
                .hasMessageContaining("the two arms are the same value none");
        assertThatThrownBy(() -> ExperimentRequest.parse("scheduler=none,bfq", "pg-wal", "/data/../etc", 3, p))
                .hasMessageContaining("must not contain '.' or '..' segments");
    }
}
