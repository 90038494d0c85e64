package jts.fleet.remote.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recorded outputs: fio-3.33-* were produced on the build machine with real fio 3.33 on small tmp files
 * (fio-3.33-junk-around.txt is the rand-read recording with typical fio notes added before and after);
 * fio-2.2.10-rand-read-usec.json is hand-made in the fio 2.2 layout (microsecond "clat"/"lat" blocks without N,
 * io_bytes/bw in KiB, no job_runtime, percentile list padded with "0.00" : 0).
 */
class FioJsonParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"fio-3.33-rand-read-4k-qd32-io_uring.json", "fio-3.33-pg-wal-fdatasync.json",
            "fio-3.33-clickhouse-merge-two-jobs.json", "fio-3.33-junk-around.txt", "fio-2.2.10-rand-read-usec.json"})
    void everyRecordingParsesToAPlausibleSummary(String file) throws Exception {
        FioResult r = FioJsonParser.parse(Recorded.resource(file), file);
        ProfileSummary s = FioSummarizer.summarize("p", r, true);
        assertThat(s.iops()).as("%s iops", file).isPositive();
        assertThat(s.bwBytesPerSec()).as("%s bandwidth", file).isPositive();
        assertThat(s.clatP50Us()).as("%s p50 <= p99 <= p99.9 <= max", file).isLessThanOrEqualTo(s.clatP99Us());
        assertThat(s.clatP99Us()).isLessThanOrEqualTo(s.clatP999Us());
        assertThat(s.clatP999Us()).isLessThanOrEqualTo(s.clatMaxUs());
        assertThat(s.error()).isNull();
        assertThat(s.pageCache()).isFalse();
    }

    @Test
    void fio333RandomReadNanosecondBlocks() throws Exception {
        FioResult r = FioJsonParser.parse(Recorded.resource("fio-3.33-rand-read-4k-qd32-io_uring.json"), "rr");
        assertThat(r.fioVersion()).isEqualTo("fio-3.33");
        assertThat(r.jobs()).hasSize(1);
        ProfileSummary s = FioSummarizer.summarize("rand-read-4k-qd32", r, true);
        assertThat(s.iops()).isCloseTo(84867.132867, within(1e-6));
        assertThat(s.readIops()).isEqualTo(s.iops());
        assertThat(s.bwBytesPerSec()).isEqualTo(347615776L);
        assertThat(s.totalIos()).isEqualTo(84952L);
        assertThat(s.clatMeanUs()).isEqualTo(371.585);
        assertThat(s.clatMaxUs()).isEqualTo(6306.319);
        assertThat(s.syncLatP99Us()).as("no fsync in this job").isNull();
        assertThat(s.cpuUsrPct()).isEqualTo(6.4);
        assertThat(s.cpuSysPct()).isEqualTo(38.8);
        // (6.4 + 38.8) % of 1000 ms over 84952 I/Os
        assertThat(s.cpuUsPerIo()).isCloseTo(452.0 * 1000 / 84952, within(1e-9));
        assertThat(s.runtimeMs()).isEqualTo(1000);
        var clat = r.jobs().get(0).read().clat();
        assertThat(s.clatP99Us()).isEqualTo(clat.percentilesNs().get(99.0) / 1000);
        assertThat(s.clatP999Us()).isEqualTo(clat.percentilesNs().get(99.9) / 1000);
    }

    @Test
    void syncLatencyComesFromSyncLatNs() throws Exception {
        FioResult r = FioJsonParser.parse(Recorded.resource("fio-3.33-pg-wal-fdatasync.json"), "wal");
        LatencyStats sync = r.jobs().get(0).sync().orElseThrow();
        assertThat(sync.count()).isEqualTo(7284);
        assertThat(sync.minNs()).isEqualTo(23214);
        ProfileSummary s = FioSummarizer.summarize("pg-wal", r, true);
        assertThat(s.syncLatMeanUs()).isEqualTo(75.160);
        assertThat(s.syncLatMaxUs()).isEqualTo(4100.041);
        assertThat(s.syncLatP99Us()).isEqualTo(sync.percentilesNs().get(99.0) / 1000);
        assertThat(s.writeIops()).isPositive();
        assertThat(s.readIops()).isZero();
    }

    @Test
    void parallelJobsAddThroughputAndKeepTheWorstPercentile() throws Exception {
        FioResult r = FioJsonParser.parse(Recorded.resource("fio-3.33-clickhouse-merge-two-jobs.json"), "ch");
        assertThat(r.jobs()).extracting(FioJobResult::name).containsExactly("clickhouse-merge-read", "clickhouse-merge-write");
        FioJobResult read = r.jobs().get(0);
        FioJobResult write = r.jobs().get(1);
        ProfileSummary s = FioSummarizer.summarize("clickhouse-merge", r, true);
        assertThat(s.iops()).isCloseTo(read.read().iops() + write.write().iops(), within(1e-9));
        assertThat(s.bwBytesPerSec()).isEqualTo(read.read().bwBytesPerSec() + write.write().bwBytesPerSec());
        double worstP99 = Math.max(read.read().clat().percentilesNs().get(99.0), write.write().clat().percentilesNs().get(99.0));
        assertThat(s.clatP99Us()).isEqualTo(worstP99 / 1000);
        assertThat(s.clatMaxUs()).isEqualTo(Math.max(read.read().clat().maxNs(), write.write().clat().maxNs()) / 1000);
    }

    @Test
    void junkBeforeAndAfterTheDocumentIsSetAside() throws Exception {
        FioResult junk = FioJsonParser.parse(Recorded.resource("fio-3.33-junk-around.txt"), "junk");
        FioResult clean = FioJsonParser.parse(Recorded.resource("fio-3.33-rand-read-4k-qd32-io_uring.json"), "clean");
        assertThat(junk.leadingJunk()).startsWith("note: both iodepth").contains("got signal=15");
        assertThat(FioSummarizer.summarize("p", junk, true)).isEqualTo(FioSummarizer.summarize("p", clean, true));
    }

    @Test
    void fio2MicrosecondBlocksAndKibUnitsAreConverted() throws Exception {
        FioResult r = FioJsonParser.parse(Recorded.resource("fio-2.2.10-rand-read-usec.json"), "old");
        ProfileSummary s = FioSummarizer.summarize("rand-read-4k-qd1", r, false);
        assertThat(s.iops()).isEqualTo(10239.0);
        assertThat(s.bwBytesPerSec()).isEqualTo(40956L * 1024);
        assertThat(r.jobs().get(0).read().ioBytes()).isEqualTo(409600L * 1024);
        assertThat(s.clatP50Us()).isEqualTo(91.0);
        assertThat(s.clatP99Us()).isEqualTo(180.0);
        assertThat(s.clatP999Us()).isEqualTo(350.0);
        assertThat(s.clatMaxUs()).isEqualTo(4000.0);
        assertThat(s.clatMeanUs()).isEqualTo(95.2);
        assertThat(r.jobs().get(0).read().clat().count()).as("N missing: total_ios stands in").isEqualTo(102400);
        assertThat(r.jobs().get(0).read().clat().percentilesNs()).as("0.00 padding dropped").doesNotContainKey(0.0);
        assertThat(s.runtimeMs()).as("no job_runtime: direction runtime").isEqualTo(10001);
        assertThat(s.cpuUsPerIo()).isCloseTo(0.25 * 10001 * 1000 / 102400, within(1e-9));
        assertThat(s.pageCache()).as("direct=false marks page-cache numbers").isTrue();
    }

    @Test
    void errorsNameTheSourceAndLine() {
        assertThatThrownBy(() -> FioJsonParser.parse("", "db-01/pg-wal"))
                .isInstanceOf(FioParseException.class).hasMessage("db-01/pg-wal: no fio JSON document in the output (empty)");
        assertThatThrownBy(() -> FioJsonParser.parse("fio: pid=1, err=28/file:io_u.c:1889, func=io_u error, error=No space left on device\n",
                "db-01/pg-wal")).hasMessageContaining("db-01/pg-wal: no fio JSON document in the output: fio: pid=1");
        assertThatThrownBy(() -> FioJsonParser.parse("junk\n{\n  \"jobs\" : [\n    { \"jobname\" : \"x\", ", "db-02/x"))
                .isInstanceOf(FioParseException.class).hasMessageStartingWith("db-02/x: line ").hasMessageContaining("malformed fio JSON");
        assertThatThrownBy(() -> FioJsonParser.parse("{ \"fio version\" : \"fio-3.33\" }", "db-03/x"))
                .hasMessage("db-03/x: fio JSON has no \"jobs\" array");
        assertThatThrownBy(() -> FioJsonParser.parse("{ \"jobs\" : [ { \"jobname\" : \"a\", \"read\" : { \"clat_ns\" : "
                + "{ \"percentile\" : { \"p99\" : 1 } } } } ] }", "db-04/x"))
                .hasMessage("db-04/x: jobs[0].read.clat_ns.percentile: key \"p99\" is not a number");
    }

    @Test
    void jobErrorsAreReported() throws Exception {
        String text = Recorded.resource("fio-3.33-pg-wal-fdatasync.json").replace("\"error\" : 0", "\"error\" : 28");
        ProfileSummary s = FioSummarizer.summarize("pg-wal", FioJsonParser.parse(text, "x"), true);
        assertThat(s.error()).isEqualTo("job pg-wal: error 28");
    }
}
