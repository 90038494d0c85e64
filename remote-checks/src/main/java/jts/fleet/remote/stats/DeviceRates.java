package jts.fleet.remote.stats;

import java.util.OptionalDouble;

/**
 * iostat -x figures of one device over one interval. Rates per second, sizes kB (1024 bytes, as iostat -k),
 * awaits milliseconds (0 when no request completed, as iostat prints). Discard figures are absent on kernels
 * before 4.18 and flush figures before 5.5 instead of reading as a misleading zero.
 */
public record DeviceRates(
        String device,
        double readsPerSec, double writesPerSec,
        OptionalDouble discardsPerSec, OptionalDouble flushesPerSec,
        double readKbPerSec, double writeKbPerSec, OptionalDouble discardKbPerSec,
        double readMergesPerSec, double writeMergesPerSec,
        double readAwaitMs, double writeAwaitMs, OptionalDouble discardAwaitMs, OptionalDouble flushAwaitMs,
        double avgQueueSize, double utilPct,
        boolean utilMeaningful, boolean stacked) {

    /** The worst of the awaits, for ordering rows worst first. */
    public double maxAwaitMs() {
        double m = Math.max(readAwaitMs, writeAwaitMs);
        m = Math.max(m, discardAwaitMs.orElse(0));
        return Math.max(m, flushAwaitMs.orElse(0));
    }
}
