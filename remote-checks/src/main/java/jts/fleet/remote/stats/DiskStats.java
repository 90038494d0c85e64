package jts.fleet.remote.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Parser of /proc/diskstats text. Pure: the caller reads the file (locally or over a transport). */
public final class DiskStats {
    /** Kernel names only; anything else means the text is not diskstats and is rejected, never passed on. */
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9._:+!-]+");

    private DiskStats() {
    }

    /** Parses with "diskstats" as the source name in messages. */
    public static Map<String, DiskCounters> parse(String procDiskstats) throws DiskStatsException {
        return parse("diskstats", procDiskstats);
    }

    /**
     * Parses every line into counters keyed by device name, in file order. Field counts 7, 14, 18 and 20 are
     * understood; later kernels appending more fields are read as 20 (the extra fields ignored) so a new kernel
     * does not break monitoring the way node_exporter#1721 did.
     *
     * @param source host name or file, for messages
     */
    public static Map<String, DiskCounters> parse(String source, String procDiskstats) throws DiskStatsException {
        Map<String, DiskCounters> out = new LinkedHashMap<>();
        String[] lines = procDiskstats.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            DiskCounters c = parseLine(source, i + 1, line);
            out.put(c.device(), c);
        }
        return Collections.unmodifiableMap(out);
    }

    static DiskCounters parseLine(String source, int lineNo, String line) throws DiskStatsException {
        String[] f = line.split("\\s+");
        DiskStatsLayout layout = DiskStatsLayout.ofFieldCount(f.length);
        if (layout == null && f.length > DiskStatsLayout.FLUSHES_20.fields()) {
            layout = DiskStatsLayout.FLUSHES_20;
        }
        if (layout == null) {
            throw new DiskStatsException(source + ": line " + lineNo + ": " + f.length
                    + " fields, expected 7, 14, 18 or 20: \"" + abbreviate(line) + "\"");
        }
        if (!DEVICE_NAME.matcher(f[2]).matches()) {
            throw new DiskStatsException(source + ": line " + lineNo + ": bad device name \"" + abbreviate(f[2]) + "\"");
        }
        long[] v = new long[f.length];
        for (int k = 0; k < f.length; k++) {
            if (k == 2) {
                continue;
            }
            try {
                v[k] = Long.parseUnsignedLong(f[k]);
            } catch (NumberFormatException e) {
                throw new DiskStatsException(source + ": line " + lineNo + ": field " + (k + 1) + " of "
                        + f[2] + " is not a counter: \"" + abbreviate(f[k]) + "\"");
            }
        }
        int major = (int) v[0];
        int minor = (int) v[1];
        if (layout == DiskStatsLayout.PARTITION_7) {
            return new DiskCounters(major, minor, f[2], layout, v[3], 0, v[4], 0, v[5], 0, v[6], 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        long[] d = new long[6];
        if (layout.hasDiscards()) {
            System.arraycopy(v, 14, d, 0, 4);
        }
        if (layout.hasFlushes()) {
            d[4] = v[18];
            d[5] = v[19];
        }
        return new DiskCounters(major, minor, f[2], layout,
                v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                d[0], d[1], d[2], d[3], d[4], d[5]);
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
