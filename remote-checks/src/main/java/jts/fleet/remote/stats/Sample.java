package jts.fleet.remote.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counters of every device at one instant of the host's monotonic clock ({@code /proc/uptime}, the clock
 * iostat itself uses, so controller-side scheduling jitter and network latency do not distort rates).
 *
 * <p>NVMe native multipath: the hidden path devices {@code nvmeXcYnZ} never appear in {@link #devices()};
 * their I/O belongs to the namespace head {@code nvmeXnZ}. Since Linux 6.1 ("nvme-multipath: support io stats
 * on the mpath device") the head accounts its own I/O when its {@code queue/iostats} is on, and the same I/O
 * is then also counted on the path; before that, or with iostats off, the head line is all zeros. So: a head
 * with any I/O of its own keeps its own counters (summing would count twice); a head that shows none gets the
 * sum of its paths ({@link #summedHeads()} lists those). A head that switches mode mid-run shows a counter
 * decrease, which {@link IoStat} treats as a reset and skips for one interval.
 */
public record Sample(double uptimeSeconds, Map<String, DiskCounters> devices, Set<String> summedHeads) {
    private static final Pattern NVME_PATH = Pattern.compile("nvme(\\d+)c\\d+n(\\d+)");

    public Sample {
        devices = Collections.unmodifiableMap(new LinkedHashMap<>(devices));
        summedHeads = Set.copyOf(summedHeads);
    }

    /** Builds a sample from raw parsed lines, attributing NVMe multipath paths to their heads. */
    public static Sample of(double uptimeSeconds, Map<String, DiskCounters> raw) {
        Map<String, DiskCounters> out = new LinkedHashMap<>();
        Map<String, DiskCounters> pathSums = new LinkedHashMap<>();
        for (DiskCounters c : raw.values()) {
            String head = multipathHead(c.device());
            if (head == null) {
                out.put(c.device(), c);
            } else {
                pathSums.merge(head, c, DiskCounters::plus);
            }
        }
        Set<String> summed = new LinkedHashSet<>();
        for (Map.Entry<String, DiskCounters> e : pathSums.entrySet()) {
            DiskCounters head = out.get(e.getKey());
            if (head == null) {
                continue; // head not visible (should not happen): the paths alone are not a device we can name
            }
            if (head.totalIos() == 0) {
                out.put(e.getKey(), e.getValue().renamed(head.major(), head.minor(), head.device()));
                summed.add(e.getKey());
            }
        }
        return new Sample(uptimeSeconds, out, summed);
    }

    /**
     * Parses the output of the watch read script: the first line is {@code /proc/uptime}, the rest
     * {@code /proc/diskstats} (one {@code cat} of both files, one exec per tick).
     */
    public static Sample parse(String source, String uptimeThenDiskstats) throws DiskStatsException {
        int nl = uptimeThenDiskstats.indexOf('\n');
        String first = (nl < 0 ? uptimeThenDiskstats : uptimeThenDiskstats.substring(0, nl)).trim();
        String[] up = first.split("\\s+");
        double uptime;
        try {
            if (up.length != 2) {
                throw new NumberFormatException();
            }
            uptime = Double.parseDouble(up[0]);
        } catch (NumberFormatException e) {
            throw new DiskStatsException(source + ": line 1: expected /proc/uptime (\"<seconds> <idle>\"), got \""
                    + (first.length() > 60 ? first.substring(0, 60) + "..." : first) + "\"");
        }
        String rest = nl < 0 ? "" : uptimeThenDiskstats.substring(nl + 1);
        // keep line numbers of messages relative to the whole output
        return of(uptime, DiskStats.parse(source, "\n" + rest));
    }

    /** {@code nvme0n1} for the hidden path {@code nvme0c1n1}, else null. */
    public static String multipathHead(String device) {
        Matcher m = NVME_PATH.matcher(device);
        return m.matches() ? "nvme" + m.group(1) + "n" + m.group(2) : null;
    }
}
