package jts.fleet.remote.trim;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jts.fleet.inventory.BlackoutWindow;

/**
 * What {@code jts-fstrim} does on one host, rendered to {@code /etc/jts-fleet/trim.conf}. The line format is
 * {@code key value} (value = rest of the line), {@code #} comments, first line {@code jts-trim-config 1}:
 *
 * <pre>
 * host db-01
 * state_dir /var/lib/jts-fleet
 * textfile_dir /var/lib/prometheus/node-exporter      (optional)
 * chunk_bytes 68719476736
 * blackout 1,2,3,4,5 0800 1800 America/New_York       (days 1=Mon..7=Sun, the day the window starts on)
 * mount /data                                          (one line per filesystem, in order)
 * </pre>
 *
 * Values are validated here so the script can treat the file as data: absolute paths without control
 * characters or {@code ..}, region time zones only (a zone the host's tzdata lacks makes the script refuse).
 */
public record TrimConfig(String host, List<String> mounts, List<BlackoutWindow> blackout, long chunkBytes,
                         Optional<String> textfileDir, String stateDir) {

    /** 64 GiB: a few seconds of FITRIM on NVMe, so a run reacts to a window opening within seconds. */
    public static final long DEFAULT_CHUNK_BYTES = 64L << 30;
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    public TrimConfig {
        if (!host.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("trim config: host name \"" + host + "\" has characters outside [A-Za-z0-9._-]");
        }
        // keep first occurrence: the script dedupes by device anyway, a repeated path is just noise
        mounts = List.copyOf(new LinkedHashSet<>(mounts.stream().map(m -> normalise("mount", m)).toList()));
        blackout = List.copyOf(blackout);
        for (BlackoutWindow w : blackout) {
            zoneName(w.zone());
            if (w.days().isEmpty()) {
                throw new IllegalArgumentException("trim config: blackout window " + w + " has no days");
            }
        }
        if (chunkBytes < (1L << 20)) {
            throw new IllegalArgumentException("trim config: chunk size " + chunkBytes + " is below 1 MiB");
        }
        textfileDir = textfileDir.map(d -> normalise("textfile_dir", d));
        stateDir = normalise("state_dir", stateDir);
    }

    /** The config for {@code host} with the given trim mounts and blackout windows, default chunk and state dir. */
    public static TrimConfig of(String host, List<String> mounts, List<BlackoutWindow> blackout,
                                Optional<String> textfileDir) {
        return new TrimConfig(host, mounts, blackout, DEFAULT_CHUNK_BYTES, textfileDir, TrimPaths.STATE_DIR);
    }

    public String render() {
        List<String> lines = new ArrayList<>();
        lines.add("# jts-fleet TRIM config for " + host + ", rendered by jts-fleet: do not edit on the host.");
        lines.add("jts-trim-config 1");
        lines.add("host " + host);
        lines.add("state_dir " + stateDir);
        textfileDir.ifPresent(d -> lines.add("textfile_dir " + d));
        lines.add("chunk_bytes " + chunkBytes);
        for (BlackoutWindow w : blackout) {
            String days = w.days().stream().sorted().map(d -> String.valueOf(d.getValue()))
                    .collect(Collectors.joining(","));
            lines.add("blackout " + days + " " + HHMM.format(w.from()) + " " + HHMM.format(w.to()) + " "
                    + zoneName(w.zone()));
        }
        for (String mount : mounts) {
            lines.add("mount " + mount);
        }
        return String.join("\n", lines) + "\n";
    }

    /** The zone as the host's tzdata names it; fixed offsets are refused (POSIX TZ inverts their sign). */
    static String zoneName(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (normalized.equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        if (normalized instanceof ZoneOffset) {
            throw new IllegalArgumentException("trim config: blackout time zone " + zone
                    + " is a fixed offset; use a region such as Europe/London or UTC");
        }
        String id = zone.getId();
        if (!id.matches("[A-Za-z0-9_+/-]+") || id.contains("..")) {
            throw new IllegalArgumentException("trim config: time zone id \"" + id + "\" is not a tzdata name");
        }
        return id;
    }

    static String normalise(String what, String path) {
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
                throw new IllegalArgumentException("trim config: " + what + " \"" + path.replaceAll("\\p{Cntrl}", "?")
                        + "\" contains a control character");
            }
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("trim config: " + what + " \"" + path + "\" is not an absolute path");
        }
        for (String part : path.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new IllegalArgumentException("trim config: " + what + " \"" + path + "\" contains \"" + part + "\"");
            }
        }
        String collapsed = path.replaceAll("/+", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }
}
