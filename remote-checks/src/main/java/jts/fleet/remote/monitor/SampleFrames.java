package jts.fleet.remote.monitor;

import java.util.Optional;

import jts.fleet.remote.stats.DiskStatsException;
import jts.fleet.remote.stats.Sample;

/**
 * Reads the frames of {@code watch-stream.sh} one line at a time, as they arrive:
 * {@code @@jts-sample SEQ}, the uptime line, the diskstats lines, {@code @@jts-end SEQ}. Text before the first
 * frame (a login shell's greeting) is ignored; anything else out of place ends the stream with an error naming
 * the host and the frame. What a host may send is bounded: a frame of at most {@link #MAX_FRAME_CHARS}, and at
 * most {@link #MAX_GREETING_CHARS} before the first frame (a login shell that prints without end fails the
 * stream instead of keeping the reader busy forever). Not thread-safe: one reader thread per stream.
 */
public final class SampleFrames {
    private static final String START = "@@jts-sample ";
    private static final String END = "@@jts-end ";
    /** 4 MiB, the transport's default read cap: diskstats of 1,800 devices is about 300 KiB. */
    public static final int MAX_FRAME_CHARS = 4 << 20;
    /** 1 MiB of login-shell text before the first frame. */
    public static final int MAX_GREETING_CHARS = 1 << 20;

    /** One frame: the sampler's sequence number (gaps mean frames it skipped) and its sample. */
    public record Frame(long seq, Sample sample) {
    }

    private final String host;
    private final StringBuilder body = new StringBuilder();
    private long open = -1; // seq of the frame being read, -1 between frames
    private long last = -1; // seq of the last complete frame
    private long greeting; // chars seen before the first frame

    public SampleFrames(String host) {
        this.host = host;
    }

    /** Feeds one line (without its line break); a complete frame when this line ended one. */
    public Optional<Frame> line(String line) throws DiskStatsException {
        if (open < 0) {
            if (line.startsWith(START)) {
                long seq = seq(line, START);
                if (seq <= last) {
                    throw new DiskStatsException(host + ": sampler frame " + seq + " after frame " + last);
                }
                open = seq;
                body.setLength(0);
            } else if (last >= 0 && !line.isEmpty()) {
                throw new DiskStatsException(host + ": sampler output between frames after frame " + last + ": \""
                        + shorten(line) + "\"");
            } else if ((greeting += line.length() + 1) > MAX_GREETING_CHARS) {
                throw new DiskStatsException(host + ": over " + (MAX_GREETING_CHARS >> 20)
                        + " MiB of output before the sampler's first frame (a login shell that prints without end?)");
            }
            return Optional.empty();
        }
        if (line.startsWith(END)) {
            long seq = seq(line, END);
            if (seq != open) {
                throw new DiskStatsException(host + ": sampler frame " + open + " ended as frame " + seq);
            }
            Sample sample = Sample.parse(host + " (sampler frame " + seq + ")", body.toString());
            last = open;
            open = -1;
            return Optional.of(new Frame(seq, sample));
        }
        if (line.startsWith(START)) {
            throw new DiskStatsException(host + ": sampler frame " + open + " is truncated (a new frame began)");
        }
        if (body.length() + line.length() + 1 > MAX_FRAME_CHARS) {
            throw new DiskStatsException(host + ": sampler frame " + open + " is over " + (MAX_FRAME_CHARS >> 20)
                    + " MiB");
        }
        body.append(line).append('\n');
        return Optional.empty();
    }

    private long seq(String line, String prefix) throws DiskStatsException {
        try {
            long seq = Long.parseLong(line.substring(prefix.length()).trim());
            if (seq < 0) {
                throw new NumberFormatException();
            }
            return seq;
        } catch (NumberFormatException e) {
            throw new DiskStatsException(host + ": sampler marker \"" + shorten(line) + "\" has no frame number");
        }
    }

    private static String shorten(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
