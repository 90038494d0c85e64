package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;
import jts.fleet.inventory.testing.Golden;

class BenchProfilesTest {
    private static final Golden GOLDEN = Golden.under("bench/golden");

    private final BenchProfiles profiles = BenchProfiles.embedded();

    @Test
    void embeddedProfilesAndSuites() {
        assertThat(profiles.all()).extracting(FioProfile::name).containsExactly("seq-read-1m", "seq-write-1m",
                "rand-read-4k-qd1", "rand-read-4k-qd32", "rand-write-4k-qd32", "mixed-70-30-4k", "pg-wal", "etcd-fsync",
                "kafka-append", "clickhouse-merge");
        assertThat(profiles.suites().get("quick")).containsExactly("rand-read-4k-qd1", "rand-write-4k-qd32", "pg-wal");
        assertThat(profiles.suites().get("db")).containsExactly("pg-wal", "etcd-fsync", "kafka-append", "clickhouse-merge");
        assertThat(profiles.suites().get("all")).hasSize(10);
        assertThat(profiles.get("etcd-fsync").jobs().get(0).options())
                .containsEntry("bs", "2300").containsEntry("fdatasync", "1").containsEntry("ioengine", "sync");
        assertThat(profiles.get("pg-wal").jobs().get(0).options())
                .containsEntry("bs", "8k").containsEntry("fdatasync", "1").containsEntry("iodepth", "1");
        assertThat(profiles.get("clickhouse-merge").jobs()).hasSize(2);
        assertThat(profiles.get("kafka-append").spaceFactor()).as("appends grow the file up to twice the size").isEqualTo(2);
        assertThat(profiles.get("clickhouse-merge").spaceFactor()).isEqualTo(2);
        assertThat(profiles.get("pg-wal").syncs()).isTrue();
        assertThat(profiles.get("seq-read-1m").syncs()).isFalse();
    }

    @Test
    void resolveExpandsSuitesAndDropsDuplicates() {
        assertThat(profiles.resolve(List.of("quick", "pg-wal", "etcd-fsync"))).extracting(FioProfile::name)
                .containsExactly("rand-read-4k-qd1", "rand-write-4k-qd32", "pg-wal", "etcd-fsync");
        assertThatThrownBy(() -> profiles.resolve(List.of("rand-read-8k")))
                .hasMessageStartingWith("unknown bench profile \"rand-read-8k\" (profiles: seq-read-1m,");
    }

    @Test
    void policyOverridesReplaceAndAdd() {
        Policy policy = new Policy(List.of(), new Maintenance(List.of(), "", 60), Map.of(
                "pg-wal", Map.of("rw", "write", "bs", "16k", "fdatasync", "1", "ioengine", "sync"),
                "rand-read-64k", Map.of("rw", "randread", "bs", "64k", "iodepth", "4")));
        BenchProfiles merged = profiles.withPolicy(policy);
        assertThat(merged.get("pg-wal").jobs().get(0).options()).containsEntry("bs", "16k");
        assertThat(merged.get("pg-wal").source()).isEqualTo("policy");
        assertThat(merged.get("rand-read-64k").jobs().get(0).options()).containsEntry("iodepth", "4");
        assertThat(merged.get("seq-read-1m").source()).isEqualTo("embedded");
        assertThat(profiles.get("pg-wal").jobs().get(0).options()).as("embedded registry unchanged").containsEntry("bs", "8k");
    }

    @Test
    void optionsOutsideTheAllowlistOrWithBadValuesAreRefused() {
        Maintenance m = new Maintenance(List.of(), "", 60);
        assertThatThrownBy(() -> profiles.withPolicy(new Policy(List.of(), m, Map.of("evil", Map.of("exec_prerun", "rm -rf /")))))
                .hasMessageStartingWith("policy benchProfiles.evil: fio job evil: option \"exec_prerun\" is not allowed");
        assertThatThrownBy(() -> profiles.withPolicy(new Policy(List.of(), m, Map.of("p", Map.of("directory", "/etc")))))
                .hasMessageContaining("option \"directory\" is not allowed");
        assertThatThrownBy(() -> profiles.withPolicy(new Policy(List.of(), m, Map.of("p", Map.of("bs", "${HOME}")))))
                .hasMessageContaining("bs = \"${HOME}\" does not match");
        assertThatThrownBy(() -> profiles.withPolicy(new Policy(List.of(), m, Map.of("p", Map.of("rw", "write\nexec_prerun=x")))))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> new FioJob("Bad Name", Map.of())).hasMessageContaining("fio job name \"Bad Name\"");
    }

    @Test
    void jobFilesMatchGolden() throws Exception {
        BenchParameters parameters = new BenchParameters(10, 64L << 20);
        for (FioProfile p : profiles.all()) {
            String rendered = FioJobFile.render(p, parameters);
            assertThat(rendered).contains("directory=${JTS_BENCH_DIR}").contains("size=67108864").contains("runtime=10");
            GOLDEN.assertMatches("jobfile-" + p.name() + ".fio", rendered);
        }
    }

    @Test
    void rawDeviceJobFilesGiveEachJobItsOwnRegion() throws Exception {
        BenchParameters parameters = new BenchParameters(10, 64L << 20);
        String rendered = FioJobFile.render(profiles.get("clickhouse-merge"), parameters, true);
        assertThat(rendered).contains("filename=${JTS_BENCH_DEV}").doesNotContain("directory=")
                .contains("[clickhouse-merge-read]\noffset=0\n").contains("[clickhouse-merge-write]\noffset=67108864\n");
        assertThat(FioJobFile.render(profiles.get("kafka-append"), parameters, true)).doesNotContain("file_append");
        GOLDEN.assertMatches("jobfile-raw-clickhouse-merge.fio", rendered);
    }

    @Test
    void profileDocumentationIsCurrent() throws Exception {
        Golden.check(Path.of("../docs/bench-profiles.md"), ProfileTable.markdown(profiles));
    }

    @Test
    void sizesParse() {
        assertThat(BenchParameters.parseSize("32m")).isEqualTo(32L << 20);
        assertThat(BenchParameters.parseSize("1G")).isEqualTo(1L << 30);
        assertThat(BenchParameters.parseSize("4096")).isEqualTo(4096);
        assertThat(BenchParameters.parseSize("16MiB")).isEqualTo(16L << 20);
        assertThatThrownBy(() -> BenchParameters.parseSize("12 m")).hasMessageContaining("size \"12 m\"");
        assertThatThrownBy(() -> new BenchParameters(0, 1 << 20)).hasMessage("runtime 0 s is out of range 1..3600");
    }
}
