package jts.fleet.remote.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frame of gather output ({@code @@jts-gather 1}, {@code @@section NAME [KEY]} ... {@code @@end}, the
 * {@code @@done} trailer), checked strictly: header, every section terminated, trailer present, no NUL. Anything
 * else is a {@link GatherException} naming the host and the line, never a partial model. What the sections mean is
 * {@link GatherParser}'s business.
 */
final class GatherFrames {
    static final String HEADER = "@@jts-gather 1";
    private static final Pattern SECTION = Pattern.compile("@@section ([a-z][a-z0-9-]{0,31})(?: (\\S.*))?");
    private static final int MAX_LINES = 2_000_000;

    private GatherFrames() {
    }

    /** One content line with its number in the output (a leading escape backslash removed). */
    record Line(int number, String text) {
    }

    /** One section: its name, key (may be null), the line it starts on and its content. */
    record Section(String name, String key, int start, List<Line> lines) {
    }

    static List<Section> frame(String host, String output) throws GatherException {
        if (output == null || output.isEmpty()) {
            throw new GatherException(host, 1, "empty output (expected \"" + HEADER + "\")");
        }
        String[] lines = output.split("\n", -1);
        int count = lines.length;
        if (lines[count - 1].isEmpty()) {
            count--; // the final newline
        }
        if (count > MAX_LINES) {
            throw new GatherException(host, MAX_LINES, "output longer than " + MAX_LINES + " lines");
        }
        List<Section> sections = new ArrayList<>();
        Section open = null;
        boolean done = false;
        for (int i = 0; i < count; i++) {
            int number = i + 1;
            String line = lines[i];
            checkCharacters(host, number, line);
            if (i == 0) {
                if (!line.equals(HEADER)) {
                    throw new GatherException(host, 1, line.startsWith("@@jts-gather ")
                            ? "unsupported gather format \"" + shorten(line) + "\" (expected \"" + HEADER + "\")"
                            : "missing header \"" + HEADER + "\", got \"" + shorten(line) + "\"");
                }
                continue;
            }
            if (done) {
                throw new GatherException(host, number, "content after @@done: \"" + shorten(line) + "\"");
            }
            if (open == null) {
                Matcher m = SECTION.matcher(line);
                if (m.matches()) {
                    open = new Section(m.group(1), m.group(2), number, new ArrayList<>());
                } else if (line.equals("@@done")) {
                    done = true;
                } else {
                    throw new GatherException(host, number,
                            "expected \"@@section\" or \"@@done\", got \"" + shorten(line) + "\"");
                }
                continue;
            }
            if (line.equals("@@end")) {
                sections.add(open);
                open = null;
            } else if (line.startsWith("@")) {
                throw new GatherException(host, number, "section \"" + open.name() + "\" (from line "
                        + open.start() + ") is not terminated: unexpected \"" + shorten(line) + "\"");
            } else {
                open.lines().add(new Line(number, line.startsWith("\\") ? line.substring(1) : line));
            }
        }
        if (open != null) {
            throw new GatherException(host, count, "output truncated: section \"" + open.name()
                    + "\" (from line " + open.start() + ") is not terminated");
        }
        if (!done) {
            throw new GatherException(host, count, "output truncated: no \"@@done\" trailer");
        }
        return sections;
    }

    /**
     * NUL never comes from a text file the script reads (the assembler drops the NUL padding of firmware strings):
     * a stream with one is not gather output. Other control characters and undecodable bytes are data of the
     * host (a model string, a mount point): carried as they are, escaped when shown ({@link HostText}).
     */
    private static void checkCharacters(String host, int number, String line) throws GatherException {
        int nul = line.indexOf('\0');
        if (nul >= 0) {
            throw new GatherException(host, number, String.format("binary junk: character 0x00 at column %d",
                    nul + 1));
        }
    }

    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
