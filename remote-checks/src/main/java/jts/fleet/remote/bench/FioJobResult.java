package jts.fleet.remote.bench;

import java.util.Optional;

/**
 * One entry of fio's {@code jobs} array (a job, or a whole group with {@code group_reporting}).
 * {@code sync} is the fsync/fdatasync latency block ({@code jobs[].sync.lat_ns}), present when the job synced.
 */
public record FioJobResult(String name, int groupId, int error, long jobRuntimeMs, double usrCpuPct,
                           double sysCpuPct, FioDirection read, FioDirection write, FioDirection trim,
                           Optional<LatencyStats> sync) {
}
