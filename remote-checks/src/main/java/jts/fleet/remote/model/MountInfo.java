package jts.fleet.remote.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One raw line of {@code /proc/<pid>/mountinfo}:
 * {@code id parent major:minor root mountpoint options [optional fields...] - fstype source superoptions}.
 * Paths are unescaped (the kernel writes space, tab, newline and backslash as {@code \040} style octal) and
 * may still hold any other character, control characters included: they are data, escaped when shown.
 */
public record MountInfo(int mountId, int parentId, String majorMinor, String root, String path,
                        List<String> mountOptions, List<String> optionalFields, String fstype, String source,
                        List<String> superOptions) implements MountKeys {
    private static final Pattern DEV = Pattern.compile("\\d{1,10}:\\d{1,10}");

    public MountInfo {
        mountOptions = List.copyOf(mountOptions);
        optionalFields = List.copyOf(optionalFields);
        superOptions = List.copyOf(superOptions);
    }

    /** Parses one line; empty with no exception when the line is not a mountinfo line. */
    public static Optional<MountInfo> parse(String line) {
        String[] f = line.trim().split(" ");
        int separator = -1;
        for (int i = 6; i < f.length; i++) {
            if (f[i].equals("-")) {
                separator = i;
                break;
            }
        }
        if (separator < 0 || f.length < separator + 3 || !DEV.matcher(f[2]).matches()) {
            return Optional.empty();
        }
        int id;
        int parent;
        try {
            id = Integer.parseInt(f[0]);
            parent = Integer.parseInt(f[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String superOptions = f.length > separator + 3 ? f[separator + 3] : "";
        return Optional.of(new MountInfo(id, parent, f[2], unescape(f[3]), unescape(f[4]), options(f[5]),
                Arrays.asList(f).subList(6, separator), f[separator + 1], unescape(f[separator + 2]),
                options(superOptions)));
    }

    private static List<String> options(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split(","));
    }

    /**
     * Undoes the kernel's escapes, and only those: it writes space, tab, newline and backslash of a path as
     * {@code \040}, {@code \011}, {@code \012} and {@code \134} (seq_escape with " \t\n\\") and every other
     * byte as it is. Any other backslash sequence is therefore text of the path itself (a literal backslash
     * would have been {@code \134}) and is kept, not decoded into a control character.
     */
    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char decoded = c == '\\' && i + 4 <= text.length() ? kernelEscape(text.substring(i + 1, i + 4)) : 0;
            if (decoded != 0) {
                out.append(decoded);
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The character behind one of the kernel's four escapes, 0 for any other text. */
    private static char kernelEscape(String octal) {
        return switch (octal) {
            case "040" -> ' ';
            case "011" -> '\t';
            case "012" -> '\n';
            case "134" -> '\\';
            default -> 0;
        };
    }
}
