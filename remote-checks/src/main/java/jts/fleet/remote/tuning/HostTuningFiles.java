package jts.fleet.remote.tuning;

import java.util.Optional;

/**
 * The rules file and state.json as read from a host by tune-read.sh. Absent files are empty optionals.
 */
public record HostTuningFiles(Optional<String> rules, Optional<String> state) {

    /**
     * Parses tune-read.sh output.
     *
     * @throws IllegalArgumentException naming host and line when the output is not the expected framing
     */
    public static HostTuningFiles parse(String host, String output) {
        String[] lines = output.split("\n", -1);
        if (lines.length == 0 || !lines[0].equals("@@jts-tune-read 1")) {
            throw new IllegalArgumentException(host + ": tune-read output line 1: expected \"@@jts-tune-read 1\"");
        }
        Optional<String> rules = null;
        Optional<String> state = null;
        int i = 1;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            String[] head = line.split(" ");
            if (head.length != 3 || !head[0].equals("@@file")) {
                throw new IllegalArgumentException(host + ": tune-read output line " + (i + 1) + ": unexpected \""
                        + line + "\"");
            }
            StringBuilder content = new StringBuilder();
            i++;
            while (i < lines.length && !lines[i].equals("@@end")) {
                String l = lines[i];
                content.append(l.startsWith("\\") ? l.substring(1) : l).append('\n');
                i++;
            }
            if (i >= lines.length) {
                throw new IllegalArgumentException(host + ": tune-read output truncated in " + head[1]);
            }
            i++;
            Optional<String> value = head[2].equals("present") ? Optional.of(content.toString()) : Optional.empty();
            switch (head[1]) {
                case "rules" -> rules = value;
                case "state" -> state = value;
                default -> throw new IllegalArgumentException(host + ": tune-read output: unknown file " + head[1]);
            }
        }
        if (rules == null || state == null) {
            throw new IllegalArgumentException(host + ": tune-read output truncated (missing rules or state)");
        }
        return new HostTuningFiles(rules, state);
    }
}
