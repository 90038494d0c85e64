package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOutputTest {

    /** Recorded: bench.sh with fio 3.33 on this build machine, profiles pg-wal and rand-read-4k-qd1 on ext4. */
    @Test
    void recordedRunParses() throws Exception {
        BenchOutput out = BenchOutput.parse(Recorded.resource("bench-sh-output-fio-3.33.txt"), "db-01");
        assertThat(out.error()).isEmpty();
        assertThat(out.engine()).isEqualTo("io_uring");
        assertThat(out.direct()).isTrue();
        assertThat(out.fioVersion()).isEqualTo("fio-3.33");
        assertThat(out.kernel()).isNotEmpty();
        assertThat(out.profiles()).extracting(BenchOutput.ProfileRun::profile).containsExactly("pg-wal", "rand-read-4k-qd1");
        BenchOutput.ProfileRun wal = out.profiles().get(0);
        assertThat(wal.exitCode()).isZero();
        assertThat(wal.stderr()).isEmpty();
        assertThat(wal.layoutDoneMs()).isBetween(wal.startMs(), wal.endMs());
        FioResult r = FioJsonParser.parse(wal.fioJson(), "db-01/pg-wal");
        assertThat(r.jobs().get(0).sync()).isPresent();
    }

    @Test
    void scriptErrorsAreKept() throws Exception {
        BenchOutput out = BenchOutput.parse("@@jts-bench 1\n@@section error\nfio not installed: apt-get install fio / dnf install fio\n@@end\n", "db-02");
        assertThat(out.error()).contains("fio not installed: apt-get install fio / dnf install fio");
        assertThat(out.profiles()).isEmpty();
    }

    @Test
    void truncatedOrForeignOutputIsAnErrorNamingHostAndLine() {
        assertThatThrownBy(() -> BenchOutput.parse("sudo: a password is required\n", "db-03"))
                .hasMessage("db-03: no \"@@jts-bench 1\" header in the script output");
        assertThatThrownBy(() -> BenchOutput.parse("@@jts-bench 1\n@@section meta\nengine=libaio\n@@end\n@@section fio pg-wal\n{\n",
                "db-04")).hasMessage("db-04: line 5: section fio is not terminated by @@end (output truncated?)");
        assertThatThrownBy(() -> BenchOutput.parse("@@jts-bench 1\n@@section meta\nengine=libaio\n@@end\n@@section fio pg-wal\n{}\n@@end\n",
                "db-05")).hasMessage("db-05: line 5: profile pg-wal has no fio-exit section");
    }

    @Test
    void targetDevicesParse() throws Exception {
        String text = """
                @@jts-bench-devices 1
                @@section target
                path=/data
                fstype=ext2/ext3
                source=/dev/mapper/vg-data
                majmin=253:0
                @@end
                @@section device dm-0
                role=top
                scheduler=none
                read_ahead_kb=128
                @@end
                @@section device nvme0n1
                role=leaf
                scheduler=[none] mq-deadline
                read_ahead_kb=128
                @@end
                @@section device nvme1n1
                role=leaf
                scheduler=none [mq-deadline]
                @@end
                """;
        TargetDevices t = TargetDevices.parse(text, "db-01");
        assertThat(t.majmin()).isEqualTo("253:0");
        assertThat(t.source()).isEqualTo("/dev/mapper/vg-data");
        assertThat(t.leaves()).extracting(QueueSettings::name).containsExactly("nvme0n1", "nvme1n1");
        assertThat(t.leaves()).extracting(QueueSettings::activeScheduler).containsExactly("none", "mq-deadline");
        assertThatThrownBy(() -> TargetDevices.parse("@@jts-bench-devices 1\n@@section target\npath=/x\n@@end\n"
                + "@@section device ../../etc\nrole=leaf\n@@end\n", "db-02"))
                .hasMessageStartingWith("db-02: line 5: device name \"../../etc\" does not match");
    }
}
