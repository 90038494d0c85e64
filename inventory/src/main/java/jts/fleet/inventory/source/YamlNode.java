package jts.fleet.inventory.source;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A YAML document as a small tree that remembers the line of every node, so that any later check (schema,
 * merge, model building) can name {@code file:line}. Jackson's own {@code JsonNode} forgets locations.
 */
public sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.Scalar {

    /** The file (or embedded resource) the node was read from: merged policies mix several. */
    String source();

    /** 1-based line where the node starts. */
    int line();

    /** {@code file:line} for messages. */
    default String where() {
        return source() + ":" + line();
    }

    /** Short description of the node's type for "expected X, got Y" messages. */
    String typeName();

    /** One {@code key: value} pair; {@code keyLine} is where the key is written. */
    record Entry(String key, int keyLine, YamlNode value) {
    }

    /** A mapping; keys are unique (the reader rejects duplicates) and keep their written order. */
    record MapNode(String source, int line, List<Entry> entries) implements YamlNode {
        public MapNode {
            entries = List.copyOf(entries);
        }

        public Optional<YamlNode> get(String key) {
            Optional<Entry> entry = entry(key);
            return entry.isPresent() ? Optional.of(entry.get().value()) : Optional.empty();
        }

        public Optional<Entry> entry(String key) {
            // a loop, not a stream: every inventory load asks for hundreds of keys, and in a one-shot run each
            // stream's and lambda's first use costs more than the lookups (see InventoryBuilder)
            for (Entry entry : entries) {
                if (entry.key().equals(key)) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        }

        @Override
        public String typeName() {
            return "a mapping";
        }
    }

    record ListNode(String source, int line, List<YamlNode> items) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String typeName() {
            return "a list";
        }
    }

    /** The resolved type of a plain scalar, as the YAML reader saw it (quoted text is always STRING). */
    enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    /**
     * A scalar. {@code text} is the written text for strings, floats and booleans, and the canonical decimal
     * form for integers ({@code 0x10} becomes {@code 16}).
     */
    record Scalar(String source, int line, Kind kind, String text) implements YamlNode {
        @Override
        public String typeName() {
            return switch (kind) {
                case STRING -> "a string";
                case INT -> "an integer";
                case FLOAT -> "a number";
                case BOOL -> "a boolean";
                case NULL -> "nothing";
            };
        }

        public boolean isNull() {
            return kind == Kind.NULL;
        }

        public BigInteger integer() {
            return new BigInteger(text);
        }

        public BigDecimal decimal() {
            return new BigDecimal(text);
        }

        public boolean bool() {
            return switch (text.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on", "y" -> true;
                default -> false;
            };
        }

        /**
         * How the value is quoted in messages: strings in double quotes, everything else as written; a value longer
         * than {@value #SHOWN_MAX} characters by its start and length (a 60 000-character value quoted whole made
         * one error line as long as the file's line, and a file of such lines megabytes of errors).
         */
        public String shown() {
            String body = text;
            String length = "";
            if (text.codePointCount(0, text.length()) > SHOWN_MAX) {
                body = text.substring(0, text.offsetByCodePoints(0, SHOWN_START)) + "…";
                length = " (" + text.length() + " characters)";
            }
            return (kind == Kind.STRING ? '"' + body + '"' : body) + length;
        }

        /** The longest value {@link #shown} quotes whole, and how much of a longer one it shows. */
        static final int SHOWN_MAX = 200;
        static final int SHOWN_START = 60;
    }
}
