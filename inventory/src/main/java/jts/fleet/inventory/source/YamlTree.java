package jts.fleet.inventory.source;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link YamlNode} tree as plain lines, read back without a YAML parser: the form in which the jar carries its
 * embedded YAML (the default inventory and the JTS policy) beside the YAML itself, so that a one-shot run on the
 * embedded inventory starts no YAML parser (SnakeYAML and Jackson's YAML layer: ~20 ms of a cold start). The YAML
 * stays the source; the tree is written from what {@link YamlReader} reads of it, and a test keeps the two equal.
 *
 * <p>One node per line, depth first, fields separated by one space: {@code M line entries} (a mapping, then per
 * entry {@code K keyLine key} and the value's lines), {@code L line items} (a list, then its items) and
 * {@code S line KIND text} (a scalar). Keys and texts run to the end of the line, with {@code \\}, {@code \n} and
 * {@code \r} escaped. The first line names the form and its version.
 */
public final class YamlTree {
    /** The first line of every tree. */
    static final String HEADER = "# jts-fleet YAML tree v1";

    private YamlTree() {
    }

    /** {@code root} as tree text; {@code origin} (the YAML it was read from) goes into the header. */
    public static String write(YamlNode root, String origin) {
        StringBuilder out = new StringBuilder(HEADER).append(" of ").append(escape(origin))
                .append(": generated, do not edit\n");
        write(root, out);
        return out.toString();
    }

    private static void write(YamlNode node, StringBuilder out) {
        if (node instanceof YamlNode.MapNode map) {
            out.append("M ").append(map.line()).append(' ').append(map.entries().size()).append('\n');
            for (YamlNode.Entry entry : map.entries()) {
                out.append("K ").append(entry.keyLine()).append(' ').append(escape(entry.key())).append('\n');
                write(entry.value(), out);
            }
        } else if (node instanceof YamlNode.ListNode list) {
            out.append("L ").append(list.line()).append(' ').append(list.items().size()).append('\n');
            for (YamlNode item : list.items()) {
                write(item, out);
            }
        } else {
            YamlNode.Scalar scalar = (YamlNode.Scalar) node;
            out.append("S ").append(scalar.line()).append(' ').append(scalar.kind()).append(' ')
                    .append(escape(scalar.text())).append('\n');
        }
    }

    /**
     * The tree {@code text} holds, its nodes named by {@code source} in messages, as {@link YamlReader} would have
     * named them. Text that is not a tree of this version is a packaging bug, not a user's error.
     */
    public static YamlNode read(String text, String source) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].startsWith(HEADER + " ")) {
            throw new IllegalArgumentException(source + ": not a YAML tree (" + HEADER + ")");
        }
        Reader reader = new Reader(lines, source);
        YamlNode root = reader.node();
        if (reader.next < lines.length) {
            throw reader.malformed("text after the root node");
        }
        return root;
    }

    /** Reads nodes from {@code lines}, from {@link #next} on. */
    private static final class Reader {
        private final String[] lines;
        private final String source;
        private int next = 1;

        Reader(String[] lines, String source) {
            this.lines = lines;
            this.source = source;
        }

        YamlNode node() {
            String[] fields = fields(3);
            int line = Integer.parseInt(fields[1]);
            switch (fields[0]) {
                case "M" -> {
                    int count = Integer.parseInt(fields[2]);
                    List<YamlNode.Entry> entries = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        String[] key = fields(3);
                        if (!key[0].equals("K")) {
                            throw malformed("expected a key");
                        }
                        entries.add(new YamlNode.Entry(unescape(key[2]), Integer.parseInt(key[1]), node()));
                    }
                    return new YamlNode.MapNode(source, line, entries);
                }
                case "L" -> {
                    int count = Integer.parseInt(fields[2]);
                    List<YamlNode> items = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        items.add(node());
                    }
                    return new YamlNode.ListNode(source, line, items);
                }
                case "S" -> {
                    String[] scalar = fields[2].split(" ", 2);
                    return new YamlNode.Scalar(source, line, YamlNode.Kind.valueOf(scalar[0]),
                            scalar.length > 1 ? unescape(scalar[1]) : "");
                }
                default -> throw malformed("unknown node '" + fields[0] + "'");
            }
        }

        /** The next line, split into at most {@code limit} fields (the last one keeps its spaces). */
        private String[] fields(int limit) {
            if (next >= lines.length) {
                throw malformed("the tree ends early");
            }
            String[] fields = lines[next++].split(" ", limit);
            if (fields.length < limit) {
                throw malformed("too few fields");
            }
            return fields;
        }

        IllegalArgumentException malformed(String what) {
            return new IllegalArgumentException(source + ": malformed YAML tree at line " + next + ": " + what);
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char escaped = text.charAt(++i);
                out.append(escaped == 'n' ? '\n' : escaped == 'r' ? '\r' : escaped);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
