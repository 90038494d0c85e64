package jts.fleet.remote.bench;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds bench documents for comparison and report tests. */
final class Docs {
    private Docs() {
    }

    static ProfileSummary summary(String profile, double iops, double p99Us) {
        return new ProfileSummary(profile, iops, iops, 0, (long) (iops * 4096), (long) iops, p99Us / 2, p99Us / 2, p99Us,
                p99Us * 2, p99Us * 4, null, null, null, null, 5, 20, 3.5, 1000, true, false, null);
    }

    static BenchDocument doc(String run, String host, String tier, String fioVersion, ProfileSummary... summaries) {
        List<BenchDocument.ProfileResult> results = java.util.Arrays.stream(summaries)
                .map(s -> new BenchDocument.ProfileResult(s, 0, "", 1200, 200, null)).toList();
        return new BenchDocument(BenchDocument.SCHEMA, run, host, tier, "", "2026-11-26T04:00:00Z", "6.1.0", fioVersion,
                "io_uring", true, "O_DIRECT accepted", new TargetDevices("/data", "ext2/ext3", "/dev/nvme0n1", "259:0",
                        List.of(new QueueSettings("nvme0n1", "top,leaf", Map.of("scheduler", "[none] mq-deadline",
                                "read_ahead_kb", "128")))), 10, 64L << 20, results);
    }

    /** A document whose profile carries a recorded fio document, summarised like the engine does. */
    static BenchDocument recorded(String run, String host, String tier, String profile, String resource, double iopsScale)
            throws Exception {
        String text = Recorded.resource(resource);
        FioResult r = FioJsonParser.parse(text, resource);
        ProfileSummary s = FioSummarizer.summarize(profile, r, true);
        ProfileSummary scaled = new ProfileSummary(s.profile(), s.iops() * iopsScale, s.readIops() * iopsScale,
                s.writeIops() * iopsScale, (long) (s.bwBytesPerSec() * iopsScale), s.totalIos(), s.clatMeanUs(), s.clatP50Us(),
                s.clatP99Us() / iopsScale, s.clatP999Us(), s.clatMaxUs(), s.syncLatMeanUs(), s.syncLatP99Us(), s.syncLatP999Us(),
                s.syncLatMaxUs(), s.cpuUsrPct(), s.cpuSysPct(), s.cpuUsPerIo(), s.runtimeMs(), true, false, null);
        return new BenchDocument(BenchDocument.SCHEMA, run, host, tier, "nightly", "2026-11-26T04:00:00Z", "6.1.0", "fio-3.33",
                "io_uring", true, "O_DIRECT accepted", new TargetDevices("/data", "ext2/ext3", "/dev/nvme0n1", "259:0",
                        List.of(new QueueSettings("nvme0n1", "top,leaf", Map.of("scheduler", "[none] mq-deadline",
                                "read_ahead_kb", "128")))), 1, 8L << 20,
                List.of(new BenchDocument.ProfileResult(scaled, 0, "", 1200, 200, new ObjectMapper().readTree(text))));
    }
}
