package jts.fleet.remote.bench;

import java.util.ArrayList;
import java.util.List;

/** Reduces a parsed fio document to the {@link ProfileSummary} of one profile. */
public final class FioSummarizer {
    private FioSummarizer() {
    }

    /** {@code direct}: O_DIRECT was used; without it the numbers are page-cache numbers. */
    public static ProfileSummary summarize(String profile, FioResult result, boolean direct) {
        return summarize(profile, result, direct, !direct);
    }

    /**
     * {@code pageCache} separately, for profiles buffered by design (etcd-fsync): not direct, but their sync
     * latency still measures the disk, so they are only marked when the host's O_DIRECT probe failed.
     */
    public static ProfileSummary summarize(String profile, FioResult result, boolean direct, boolean pageCache) {
        double readIops = 0;
        double writeIops = 0;
        long bw = 0;
        long ios = 0;
        long runtimeMs = 0;
        double cpuUsr = 0;
        double cpuSys = 0;
        double cpuMicros = 0;
        List<LatencyStats> clat = new ArrayList<>();
        List<LatencyStats> sync = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (FioJobResult job : result.jobs()) {
            for (FioDirection d : List.of(job.read(), job.write(), job.trim())) {
                bw += d.bwBytesPerSec();
                ios += d.totalIos();
                if (d.active()) {
                    clat.add(d.clat());
                }
            }
            readIops += job.read().iops();
            writeIops += job.write().iops() + job.trim().iops();
            job.sync().ifPresent(sync::add);
            runtimeMs = Math.max(runtimeMs, job.jobRuntimeMs());
            cpuUsr += job.usrCpuPct();
            cpuSys += job.sysCpuPct();
            // usr/sys are percent of one CPU over the job's runtime
            cpuMicros += (job.usrCpuPct() + job.sysCpuPct()) / 100.0 * job.jobRuntimeMs() * 1000.0;
            if (job.error() != 0) {
                errors.add("job " + job.name() + ": error " + job.error());
            }
        }
        LatencyStats c = LatencyStats.merge(clat);
        LatencyStats s = LatencyStats.merge(sync);
        boolean hasSync = s.count() > 0;
        return new ProfileSummary(profile, readIops + writeIops, readIops, writeIops, bw, ios,
                us(c.meanNs()), us(c.percentileNs(50)), us(c.percentileNs(99)), us(c.percentileNs(99.9)), us(c.maxNs()),
                hasSync ? us(s.meanNs()) : null, hasSync ? us(s.percentileNs(99)) : null,
                hasSync ? us(s.percentileNs(99.9)) : null, hasSync ? us(s.maxNs()) : null,
                cpuUsr, cpuSys, ios == 0 ? 0 : cpuMicros / ios, runtimeMs, direct, pageCache,
                errors.isEmpty() ? null : String.join("; ", errors));
    }

    /** Nanoseconds to microseconds with nanosecond resolution; null when fio reported no such value. */
    private static Double us(double ns) {
        return Double.isNaN(ns) ? null : Math.round(ns) / 1000.0;
    }
}
