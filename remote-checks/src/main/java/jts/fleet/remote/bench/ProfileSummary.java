package jts.fleet.remote.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The numbers of one profile on one host, as stored and compared. Units are in the field names: IOPS and
 * bytes/s summed over jobs and directions; completion latency in microseconds (worst job's percentile when
 * jobs ran in parallel); {@code sync_*} is the fdatasync/fsync latency, null when the profile did not sync.
 * {@code page_cache} marks results that could not bypass the page cache (O_DIRECT refused): never disk numbers.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProfileSummary(
        @JsonProperty("profile") String profile,
        @JsonProperty("iops") double iops,
        @JsonProperty("read_iops") double readIops,
        @JsonProperty("write_iops") double writeIops,
        @JsonProperty("bw_bytes_per_s") long bwBytesPerSec,
        @JsonProperty("total_ios") long totalIos,
        @JsonProperty("clat_mean_us") Double clatMeanUs,
        @JsonProperty("clat_p50_us") Double clatP50Us,
        @JsonProperty("clat_p99_us") Double clatP99Us,
        @JsonProperty("clat_p999_us") Double clatP999Us,
        @JsonProperty("clat_max_us") Double clatMaxUs,
        @JsonProperty("sync_lat_mean_us") Double syncLatMeanUs,
        @JsonProperty("sync_lat_p99_us") Double syncLatP99Us,
        @JsonProperty("sync_lat_p999_us") Double syncLatP999Us,
        @JsonProperty("sync_lat_max_us") Double syncLatMaxUs,
        @JsonProperty("cpu_usr_pct") double cpuUsrPct,
        @JsonProperty("cpu_sys_pct") double cpuSysPct,
        @JsonProperty("cpu_us_per_io") double cpuUsPerIo,
        @JsonProperty("runtime_ms") long runtimeMs,
        @JsonProperty("direct") boolean direct,
        @JsonProperty("page_cache") boolean pageCache,
        @JsonProperty("error") String error) {

    /** Metric values by stable name, for comparisons and reports; absent metrics (no sync, no percentiles) are NaN. */
    public double metric(Metric metric) {
        return switch (metric) {
            case IOPS -> iops;
            case BW_BYTES_PER_S -> bwBytesPerSec;
            case CLAT_P50_US -> orNaN(clatP50Us);
            case CLAT_P99_US -> orNaN(clatP99Us);
            case CLAT_P999_US -> orNaN(clatP999Us);
            case CLAT_MAX_US -> orNaN(clatMaxUs);
            case SYNC_LAT_P99_US -> orNaN(syncLatP99Us);
            case CPU_US_PER_IO -> cpuUsPerIo;
        };
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
