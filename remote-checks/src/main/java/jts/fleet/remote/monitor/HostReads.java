package jts.fleet.remote.monitor;

import java.util.List;

import jts.fleet.remote.stats.DiskStatsException;
import jts.fleet.remote.stats.Sample;

/**
 * The fixed read scripts of {@code watch} and {@code check} and the parsers of what they print. The controller
 * runs them through its transports; everything about their output is understood here.
 */
public final class HostReads {
    private static final String CHECK_SAMPLE_MARK = "@@jts-check sample";
    private static final String CHECK_TEXTFILE_MARK = "@@jts-check textfile";

    private HostReads() {
    }

    /** One tick of {@code watch}: {@code cat /proc/uptime /proc/diskstats}; {@link #sysrootArgs} as arguments. */
    public static String watchScript() {
        return Resources.text("watch-read.sh");
    }

    public static Sample parseWatch(String host, String stdout) throws DiskStatsException {
        return Sample.parse(host, stdout);
    }

    /** The arguments of the watch read: none, or the host's sysroot (diskstats read inside it). */
    public static List<String> sysrootArgs(java.util.Optional<String> sysroot) {
        return sysroot.filter(r -> !r.isEmpty() && !r.equals("/")).map(List::of).orElse(List.of());
    }

    /** {@code check}: args are the gap in seconds (e.g. "1.000"), the textfile path and the sysroot (optional). */
    public static String checkScript() {
        return Resources.text("check-read.sh");
    }

    public static List<String> checkArgs(java.time.Duration gap, String textfilePath,
            java.util.Optional<String> sysroot) {
        List<String> args = new java.util.ArrayList<>(checkArgs(gap, textfilePath));
        args.addAll(sysrootArgs(sysroot));
        return args;
    }

    public static List<String> checkArgs(java.time.Duration gap, String textfilePath) {
        if (gap.isNegative() || gap.toMillis() > 60_000) {
            throw new IllegalArgumentException("check sample gap " + gap + " must be between 0 and 60 s");
        }
        if (!textfilePath.startsWith("/") || textfilePath.contains("..")
                || textfilePath.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("textfile path \"" + textfilePath + "\" must be absolute without ..");
        }
        return List.of(String.format(java.util.Locale.ROOT, "%d.%03d", gap.toSeconds(), gap.toMillisPart()),
                textfilePath);
    }

    /** Two samples and the textfile (empty when the host has none). */
    public record CheckRead(Sample first, Sample second, String textfile) {
    }

    public static CheckRead parseCheck(String host, String stdout) throws DiskStatsException {
        int a = stdout.indexOf(CHECK_SAMPLE_MARK + "\n");
        int b = stdout.indexOf(CHECK_TEXTFILE_MARK + "\n");
        if (a < 0 || b < a) {
            throw new DiskStatsException(host + ": check read output is truncated (markers missing)");
        }
        Sample first = Sample.parse(host, stdout.substring(0, a));
        Sample second = Sample.parse(host, stdout.substring(a + CHECK_SAMPLE_MARK.length() + 1, b));
        return new CheckRead(first, second, stdout.substring(b + CHECK_TEXTFILE_MARK.length() + 1));
    }
}
