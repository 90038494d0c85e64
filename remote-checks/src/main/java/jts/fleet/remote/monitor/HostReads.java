package jts.fleet.remote.monitor;

import java.util.List;
import java.util.Map;

import jts.fleet.remote.stats.DeviceInfo;
import jts.fleet.remote.stats.DiskStatsException;
import jts.fleet.remote.stats.IoStat;
import jts.fleet.remote.stats.Sample;
import jts.fleet.remote.script.HostPrelude;

/**
 * The fixed read scripts of {@code watch} and {@code check} and the parsers of what they print. The controller
 * runs them through its transports; everything about their output is understood here.
 */
public final class HostReads {
    private static final String CHECK_SAMPLE_MARK = "@@jts-check sample";
    private static final String CHECK_TEXTFILE_MARK = "@@jts-check textfile";

    private HostReads() {
    }

    /**
     * The watch sampler: ONE long-running command per host printing a frame ({@link SampleFrames}) every
     * interval; {@link #streamArgs} as arguments.
     */
    public static String streamScript() {
        return HostPrelude.spliced(Resources.text("watch-stream.sh"));
    }

    /** The sampler's arguments: interval in ms, its own lifetime on the host in whole seconds, the sysroot. */
    public static List<String> streamArgs(java.time.Duration interval, java.time.Duration lifetime,
            java.util.Optional<String> sysroot) {
        if (interval.toMillis() < 100 || interval.toMillis() > 3_600_000) {
            throw new IllegalArgumentException("sampler interval " + interval + " must be 100 ms..1 h");
        }
        if (lifetime.getSeconds() < 1 || lifetime.getSeconds() > 86_400) {
            throw new IllegalArgumentException("sampler lifetime " + lifetime + " must be 1 s..1 day");
        }
        List<String> args = new java.util.ArrayList<>(List.of(Long.toString(interval.toMillis()),
                Long.toString(lifetime.getSeconds())));
        args.addAll(sysrootArgs(sysroot));
        return args;
    }

    /**
     * The sysroot argument of the watch sampler and the check read: none, or the host's sysroot as the controller's
     * one rule reads it (its {@code Sysroots.of}: the root in any spelling is none), which the caller passes.
     */
    public static List<String> sysrootArgs(java.util.Optional<String> sysroot) {
        return sysroot.map(List::of).orElse(List.of());
    }

    /** {@code check}: args are the gap in seconds (e.g. "1.000"), the textfile path and the sysroot (optional). */
    public static String checkScript() {
        return HostPrelude.spliced(Resources.text("check-read.sh"));
    }

    /**
     * One read of uptime and diskstats in one process ({@code watch-read.sh}, the standalone status script's I/O
     * snapshot); its argument is the sysroot (optional).
     */
    public static String watchReadScript() {
        return HostPrelude.spliced(Resources.text("watch-read.sh"));
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
            throw new IllegalArgumentException("textfile path \"" + textfilePath
                    + "\" must be absolute, without .. or control characters");
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

    /**
     * The shell's {@code diskstats} and {@code top}: two samples of /proc/diskstats {@code interval} apart in one
     * exec; args are the interval in seconds and the sysroot (optional).
     */
    public static String diskSampleScript() {
        return HostPrelude.spliced(Resources.text("diskstats-sample.sh"));
    }

    /** Parses the framed output of {@link #diskSampleScript()} into the interval's rates. */
    public static IoStat.Interval parseDiskSample(String host, String output, Map<String, DeviceInfo> info)
            throws DiskStatsException {
        String[] lines = output.split("\n", -1);
        StringBuilder[] samples = {new StringBuilder(), new StringBuilder()};
        int current = -1;
        boolean done = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("@@sample 1")) {
                current = 0;
            } else if (line.equals("@@sample 2")) {
                if (current != 0) {
                    throw new DiskStatsException(host + ": line " + (i + 1) + ": second sample before the first");
                }
                current = 1;
            } else if (line.equals("@@tick")) {
                continue; // keeps the script from outliving a closed channel, see the script
            } else if (line.equals("@@done")) {
                done = true;
                break;
            } else if (current >= 0) {
                samples[current].append(line).append('\n');
            } else if (!line.isEmpty()) {
                throw new DiskStatsException(host + ": line " + (i + 1) + ": expected \"@@sample 1\"");
            }
        }
        if (!done || current != 1) {
            throw new DiskStatsException(host + ": diskstats sampling output truncated (no @@done after two samples)");
        }
        Sample first = Sample.parse(host, samples[0].toString());
        Sample second = Sample.parse(host, samples[1].toString());
        return IoStat.between(first, second, info);
    }

    /** The shell's {@code journal}: args are the unit (a checked {@code jts-*} name) and the line count. */
    public static String journalScript() {
        return Resources.text("journal.sh");
    }

    /** What one host's journal read gave: its lines (control characters replaced), or why it has no journal. */
    public record Journal(List<String> lines, String absentReason) {
        public Journal {
            lines = List.copyOf(lines);
        }
    }

    /** A host script's output is not what the script prints: the message names the host (and the exit where it matters). */
    public static final class ReadFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public ReadFailure(String message) {
            super(message);
        }
    }

    /** Parses {@link #journalScript()}'s output: a marker line, then journalctl's lines. */
    public static Journal parseJournal(String host, String stdout, int exitCode, String stderr) throws ReadFailure {
        int nl = stdout.indexOf('\n');
        String first = nl < 0 ? stdout.strip() : stdout.substring(0, nl);
        if (first.startsWith("@@journal absent ")) {
            return new Journal(List.of(), first.substring("@@journal absent ".length()).strip());
        }
        String err = stderr.isBlank() ? "" : ": " + stderr.strip();
        if (!first.equals("@@journal ok")) {
            throw new ReadFailure(host + ": journal.sh exited " + exitCode + err);
        }
        if (exitCode != 0) {
            throw new ReadFailure(host + ": journalctl exited " + exitCode + err);
        }
        List<String> out = new java.util.ArrayList<>();
        for (String line : stdout.substring(nl + 1).split("\n")) {
            if (!line.isEmpty()) {
                // journal text is host data: keep terminal control sequences out of the operator's screen
                out.add(line.replaceAll("[\\p{Cntrl}&&[^\t]]", "?"));
            }
        }
        return new Journal(out, null);
    }
}
