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
public record ProfileSummary(String profile, double iops, double readIops, double writeIops,
                             @JsonProperty("bw_bytes_per_s") long bwBytesPerSec, long totalIos, Double clatMeanUs,
                             Double clatP50Us, Double clatP99Us, Double clatP999Us, Double clatMaxUs,
                             Double syncLatMeanUs, Double syncLatP99Us, Double syncLatP999Us, Double syncLatMaxUs,
                             double cpuUsrPct, double cpuSysPct, double cpuUsPerIo, long runtimeMs, boolean direct,
                             boolean pageCache, String error) {

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
