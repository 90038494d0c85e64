package jts.fleet.remote.bench;

/**
 * The read, write or trim part of one fio job. {@code bwBytesPerSec} and {@code ioBytes} are bytes
 * (converted from KiB for fio 2.x); {@code clat} is completion latency, {@code lat} submission + completion.
 */
public record FioDirection(long ioBytes, long bwBytesPerSec, double iops, long runtimeMs, long totalIos,
                           LatencyStats clat, LatencyStats lat) {
    public static final FioDirection IDLE = new FioDirection(0, 0, 0, 0, 0, LatencyStats.EMPTY, LatencyStats.EMPTY);

    public boolean active() {
        return totalIos > 0 || iops > 0;
    }
}
