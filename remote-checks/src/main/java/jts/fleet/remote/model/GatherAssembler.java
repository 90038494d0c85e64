package jts.fleet.remote.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what gather.sh prints (its raw form) into the framed text {@link GatherParser} reads. The host does as
 * little as possible: its sh lists what to read and in which order (the directives), and one grep reads every
 * file, each line as {@code PATH:CONTENT}. Choosing lines, escaping and framing happen here, which saves the
 * host an awk process per gather (a fifth of a fleet-wide status on a loaded controller; see
 * scripts/bench/shell-vs-controlmaster.sh).
 *
 * <pre>
 * @@jts-gather-raw 1 ROOT       ROOT: the sysroot the absolute paths start with ("" for /)
 * L TEXT                       print TEXT as it is (frame lines and what sh worked out itself)
 * H                            the host section: hostname and kernel
 * B DIR | P DIR                the attributes of a whole disk | of a partition, each file's first line
 * U NAME DIR                   the udev section of a device: its ID_ properties, found through DIR/dev
 *                              (DIR: sda, sda/sda1: relative to ROOT/sys/block, where grep runs)
 * F PATH | T PATH              a whole file | its last 200 lines
 * R PATH                       the lines of a udev rules file that set a queue attribute
 * D MAJ:MIN                    the backing device (BDI) of a filesystem without a block device: its tunables
 * @@reads                      then grep's lines, one per line of every file named above
 * PATH:CONTENT
 * @@tail PATH                  optional: the last lines of PATH (the trim log), then an empty line
 * @@done                       trailer: without it the output was cut short
 * </pre>
 *
 * A file grep could not read (missing, vanished, an attribute answering EIO) has no lines and reads as absent.
 * Content lines that begin with "@" or "\" get one extra "\" in the framed text, as the parser expects.
 */
public final class GatherAssembler {
    public static final String HEADER = "@@jts-gather-raw 1";

    /** Attributes of a whole disk, in the order the framed text lists them. */
    static final List<String> BLOCK_ATTRIBUTES = List.of("dev", "size", "removable", "ro", "hidden", "serial", "wwid",
            "device/model", "device/vendor", "device/serial", "device/wwid", "dm/name", "dm/uuid", "md/level",
            "md/array_state", "queue/scheduler", "queue/read_ahead_kb", "queue/nr_requests", "queue/rotational",
            "queue/rq_affinity", "queue/nomerges", "queue/add_random", "queue/wbt_lat_usec", "queue/max_sectors_kb",
            "queue/max_hw_sectors_kb", "queue/write_cache", "queue/discard_granularity", "queue/discard_max_bytes",
            "queue/discard_max_hw_bytes", "queue/logical_block_size", "queue/physical_block_size", "queue/zoned");

    /** Attributes of a partition. */
    static final List<String> PARTITION_ATTRIBUTES = List.of("partition", "start", "size", "dev", "ro");

    private static final List<String> UDEV_IDENTITY = List.of("E:ID_SERIAL=", "E:ID_SERIAL_SHORT=", "E:ID_WWN=",
            "E:ID_WWN_WITH_EXTENSION=", "E:ID_MODEL=", "E:ID_BUS=");

    private static final int TRIM_LOG_LINES = 200;

    private static final String TAIL = "@@tail ";

    /** Where udev keeps a block device's properties: this, then MAJOR:MINOR. */
    private static final String UDEV_DATA = "/run/udev/data/b";

    /** Backing devices, named MAJOR:MINOR; the attributes jts-fleet reads and may tune on them. */
    private static final String BDI = "/sys/class/bdi/";
    static final List<String> BDI_ATTRIBUTES = List.of("read_ahead_kb", "max_ratio");

    private GatherAssembler() {
    }

    /** True when {@code output} is gather.sh's raw form (and not already framed). */
    public static boolean isRaw(String output) {
        return output != null && output.startsWith(HEADER) && (output.length() == HEADER.length()
                || output.charAt(HEADER.length()) == ' ' || output.charAt(HEADER.length()) == '\n');
    }

    /**
     * The framed text for {@code raw}. A raw output that was cut short (no {@code @@done}) or breaks its own
     * structure is a {@link GatherException} naming the host and line, never a partial result.
     */
    public static String assemble(String host, String raw) throws GatherException {
        String[] lines = raw.split("\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--;
        }
        String header = lines[0];
        String root = header.length() > HEADER.length() ? header.substring(HEADER.length() + 1) : "";
        int reads = -1;
        for (int i = 1; i < count; i++) {
            if (lines[i].equals("@@reads")) {
                reads = i;
                break;
            }
        }
        if (reads < 0) {
            throw new GatherException(host, count, "output ends before \"@@reads\" (cut short?)");
        }
        if (count - 1 <= reads || !lines[count - 1].equals("@@done")) {
            throw new GatherException(host, count, "output does not end with \"@@done\" (cut short?)");
        }
        Map<String, List<String>> files = new HashMap<>();
        String block = root + "/sys/block/";
        for (int i = reads + 1; i < count - 1; i++) {
            String line = lines[i];
            if (line.startsWith(TAIL) && line.startsWith(root, TAIL.length())) {
                // the optional "@@tail PATH" after grep's lines: the last lines of one file as they are, then one
                // empty line (the script's echo, which ends an unterminated last line), then the trailer
                int last = count - 1;
                if (last > i + 1 && lines[last - 1].isEmpty()) {
                    last--;
                }
                List<String> tail = new ArrayList<>();
                for (int t = i + 1; t < last; t++) {
                    tail.add(withoutNul(lines[t]));
                }
                files.put(line.substring(TAIL.length()), tail);
                break;
            }
            if (!line.startsWith("/")) {
                // a device attribute, relative to sys/block: NAME/ATTRIBUTE or DISK/PARTITION/ATTRIBUTE
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new GatherException(host, i + 1, "read line without \"PATH:\": \"" + shorten(line) + "\"");
                }
                add(files, block + line.substring(0, colon), content(line, colon));
                continue;
            }
            if (!line.startsWith(root)) {
                throw new GatherException(host, i + 1, "read line outside the sysroot: \"" + shorten(line) + "\"");
            }
            // the names after the root have no ":" (the script skips devices whose name has one), except udev's
            // database files, named after the device number (b259:0)
            int from = root.length();
            if (line.startsWith(UDEV_DATA, from)) {
                int inName = line.indexOf(':', from + UDEV_DATA.length());
                from = inName < 0 ? line.length() : inName + 1;
            } else if (line.startsWith(BDI, from)) {
                int slash = line.indexOf('/', from + BDI.length()); // after the MAJ:MIN name
                from = slash < 0 ? line.length() : slash;
            }
            int colon = line.indexOf(':', from);
            if (colon < 0) {
                throw new GatherException(host, i + 1, "read line without \"PATH:\": \"" + shorten(line) + "\"");
            }
            add(files, line.substring(0, colon), content(line, colon));
        }
        StringBuilder out = new StringBuilder(raw.length());
        out.append(GatherParser.HEADER).append('\n');
        for (int i = 1; i < reads; i++) {
            String directive = lines[i];
            String argument = directive.length() > 2 ? directive.substring(2) : "";
            if (directive.length() > 1 && directive.charAt(1) != ' ') {
                throw new GatherException(host, i + 1, "unknown directive \"" + shorten(directive) + "\"");
            }
            switch (directive.isEmpty() ? ' ' : directive.charAt(0)) {
                case 'L' -> out.append(argument).append('\n');
                case 'H' -> {
                    if (!files.containsKey(root + "/proc/sys/kernel/hostname")) {
                        throw new GatherException(host, i + 1, "the host's name was not read (did grep run?)");
                    }
                    out.append("@@section host\n");
                    out.append("hostname=").append(first(files, root + "/proc/sys/kernel/hostname")).append('\n');
                    out.append("kernel=").append(first(files, root + "/proc/sys/kernel/osrelease")).append('\n');
                    out.append("@@end\n");
                }
                case 'B' -> attributes(out, files, block + argument, BLOCK_ATTRIBUTES);
                case 'P' -> attributes(out, files, block + argument, PARTITION_ATTRIBUTES);
                case 'U' -> udev(out, files, root, block, argument);
                case 'F' -> escaped(out, files.getOrDefault(argument, List.of()));
                case 'T' -> {
                    List<String> all = files.getOrDefault(argument, List.of());
                    escaped(out, all.subList(Math.max(0, all.size() - TRIM_LOG_LINES), all.size()));
                }
                case 'D' -> {
                    out.append("@@section bdi ").append(argument).append('\n');
                    attributes(out, files, root + BDI + argument, BDI_ATTRIBUTES);
                    out.append("@@end\n");
                }
                case 'R' -> {
                    for (String line : files.getOrDefault(argument, List.of())) {
                        if (line.contains("ATTR{queue/")) {
                            escaped(out, line);
                        }
                    }
                }
                default -> throw new GatherException(host, i + 1, "unknown directive \"" + shorten(directive) + "\"");
            }
        }
        return out.toString();
    }

    private static void attributes(StringBuilder out, Map<String, List<String>> files, String dir,
            List<String> names) {
        for (String name : names) {
            List<String> content = files.get(dir + "/" + name);
            if (content != null) {
                out.append(name).append('=').append(content.get(0)).append('\n');
            }
        }
    }

    /** The identity lines of the device's udev database entry, when there is one. */
    private static void udev(StringBuilder out, Map<String, List<String>> files, String root, String block,
            String argument) {
        int space = argument.indexOf(' ');
        if (space <= 0) {
            return;
        }
        String name = argument.substring(0, space);
        List<String> dev = files.get(block + argument.substring(space + 1) + "/dev");
        if (dev == null || !dev.get(0).matches("[0-9:]+")) {
            return;
        }
        List<String> data = files.get(root + UDEV_DATA + dev.get(0));
        if (data == null) {
            return;
        }
        out.append("@@section udev ").append(name).append('\n');
        for (String line : data) {
            for (String prefix : UDEV_IDENTITY) {
                if (line.startsWith(prefix)) {
                    escaped(out, line);
                    break;
                }
            }
        }
        out.append("@@end\n");
    }

    /**
     * What follows the ":", without NUL bytes: some firmware pads identity strings with them, and the shell's
     * read builtin, which read attributes before grep did, dropped them too.
     */
    /** Adds one line of a file's content (a loop's plain call: a lambda site costs a one-shot status ~60 us). */
    private static void add(Map<String, List<String>> files, String path, String content) {
        List<String> lines = files.get(path);
        if (lines == null) {
            lines = new ArrayList<>();
            files.put(path, lines);
        }
        lines.add(content);
    }

    private static String content(String line, int colon) {
        return withoutNul(line.substring(colon + 1));
    }

    private static String withoutNul(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }

    private static String first(Map<String, List<String>> files, String path) {
        List<String> content = files.get(path);
        return content == null ? "" : content.get(0);
    }

    private static void escaped(StringBuilder out, List<String> lines) {
        for (String line : lines) {
            escaped(out, line);
        }
    }

    private static void escaped(StringBuilder out, String line) {
        if (line.startsWith("@") || line.startsWith("\\")) {
            out.append('\\');
        }
        out.append(line).append('\n');
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
