package jts.fleet.remote.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lines of one change file read into records. A line that is not a change record (a write cut short by a
 * crash or a full disk, an edit by hand, a line of a later format) is a {@link Problem} naming the file and the
 * line, and is skipped: one bad line never hides the others.
 */
public final class ChangeLogText {
    private ChangeLogText() {
    }

    /** A line that could not be read, or a file that could not be: {@code line} 0 then. */
    public record Problem(String file, int line, String message) {
        public Problem {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(message, "message");
        }

        /** {@code changes.jsonl:12: not JSON: ...}, as editors and compilers name a place. */
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    /** The records of one or more files, in file order, and what could not be read. */
    public record Parsed(List<ChangeRecord> records, List<Problem> problems) {
        public Parsed {
            records = List.copyOf(records);
            problems = List.copyOf(problems);
        }

        public static final Parsed EMPTY = new Parsed(List.of(), List.of());

        public Parsed plus(Parsed other) {
            List<ChangeRecord> r = new ArrayList<>(records);
            r.addAll(other.records);
            List<Problem> p = new ArrayList<>(problems);
            p.addAll(other.problems);
            return new Parsed(r, p);
        }
    }

    /**
     * Reads {@code text}, the content of the file named {@code file} (for messages). Blank lines are skipped
     * silently; a last line without its line break is read like the others (a line cut short mid-write does not
     * parse and is reported).
     */
    public static Parsed parse(String file, String text) {
        List<ChangeRecord> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(ChangeRecords.parse(line));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(file, lineNo, e.getMessage() + ": skipped"));
            }
        }
        return new Parsed(records, problems);
    }
}
