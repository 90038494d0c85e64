package jts.fleet.remote.model;

/**
 * Gather output that cannot be trusted: missing header, truncated stream, unterminated section, binary junk,
 * a malformed line. The message names the host and the line, e.g.
 * {@code db-01: gather output line 212: section "mountinfo" (from line 180) is not terminated}.
 */
public class GatherException extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@code line} is 1-based, 0 when the problem is not tied to one line of the output. */
    public GatherException(String host, int line, String problem) {
        super(host + ": gather output" + (line > 0 ? " line " + line : "") + ": " + problem);
    }
}
