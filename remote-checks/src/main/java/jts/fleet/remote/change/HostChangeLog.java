package jts.fleet.remote.change;

import java.util.ArrayList;
import java.util.List;

import jts.fleet.remote.script.HostPrelude;
import jts.fleet.remote.script.ScriptResources;

/**
 * The host side of change records. Every host script that changes a host carries the prelude
 * {@code change-log.sh} ({@link #withPrelude}) and records its own change in {@code STATE_DIR/changes.jsonl}
 * ({@code /var/lib/jts-fleet}, under the sysroot for fixture hosts) and in the system log; {@code change-read.sh}
 * ({@link #readScript}) prints those files for {@code history --from-hosts}, and {@link #parseRead} reads what it
 * printed.
 */
public final class HostChangeLog {
    /** The file's name in the host's state directory. */
    public static final String FILE_NAME = "changes.jsonl";
    /** The host script rotates the file once it reaches this size ... */
    public static final long MAX_BYTES = 1 << 20;
    /** ... keeping this many older files ({@code changes.jsonl.1} is the newest of them). */
    public static final int KEEP = 3;

    private static final String PRELUDE = read("change-log.sh");
    private static final String READ = HostPrelude.spliced(read("change-read.sh"));

    private HostChangeLog() {
    }

    /** {@code script} with the change-record definitions after its first line ({@code #!/bin/sh}). */
    public static String withPrelude(String script) {
        return HostPrelude.splice(script, PRELUDE);
    }

    /** The prelude alone (tests run its functions directly). */
    public static String prelude() {
        return PRELUDE;
    }

    /** {@code change-read.sh STATE_DIR SINCE}, with the host prelude (its path rule): read-only. */
    public static String readScript() {
        return READ;
    }

    /**
     * Reads what {@code change-read.sh} printed on {@code host}: the records of every file, and a problem per line
     * that is not a record, named {@code host:PATH:LINE}.
     *
     * @throws IllegalArgumentException when the output is not the script's (no header, cut short)
     */
    public static ChangeLogText.Parsed parseRead(String host, String output) {
        List<String> lines = output.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals("@@jts-changes 1")) {
            throw new IllegalArgumentException(host + ": change-read: expected \"@@jts-changes 1\", got \""
                    + (lines.isEmpty() ? "" : lines.get(0)) + "\"");
        }
        ChangeLogText.Parsed parsed = ChangeLogText.Parsed.EMPTY;
        List<ChangeLogText.Problem> problems = new ArrayList<>();
        String file = null;
        StringBuilder content = new StringBuilder();
        boolean done = false;
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("@@file ") || line.startsWith("@@unreadable ") || line.equals("@@done")) {
                if (file != null) {
                    parsed = parsed.plus(ChangeLogText.parse(file, content.toString()));
                }
                file = null;
                content.setLength(0);
                if (line.equals("@@done")) {
                    done = true;
                    break;
                }
                if (line.startsWith("@@unreadable ")) {
                    problems.add(new ChangeLogText.Problem(host + ":" + line.substring("@@unreadable ".length()), 0,
                            "cannot be read: skipped"));
                } else {
                    file = host + ":" + line.substring("@@file ".length());
                }
                continue;
            }
            if (file == null) {
                throw new IllegalArgumentException(host + ": change-read: line outside a file: \"" + line + "\"");
            }
            content.append(line.startsWith("\\") ? line.substring(1) : line).append('\n');
        }
        if (!done) {
            throw new IllegalArgumentException(host + ": change-read: output cut short (no @@done)");
        }
        return parsed.plus(new ChangeLogText.Parsed(List.of(), problems));
    }

    private static String read(String name) {
        return ScriptResources.text("/jts/fleet/remote/change/" + name);
    }
}
