package jts.fleet.inventory.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into a {@link YamlNode} tree by walking the parser's tokens, keeping the line of
 * every key and value. Duplicate keys, aliases and further documents are errors: each would silently change
 * which value wins.
 */
public final class YamlReader {
    /**
     * Configured once and never changed (Jackson factories are thread-safe after configuration). An empty
     * plain value ("db-01:") is null like in YAML itself; a quoted "" stays an empty string.
     */
    private static final YAMLFactory FACTORY =
            YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).loaderOptions(loaderOptions()).build();

    /** SnakeYAML's own size limit (3 MiB by default) is ours: {@link InventoryText#MAX_BYTES}. */
    private static org.yaml.snakeyaml.LoaderOptions loaderOptions() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit((int) InventoryText.MAX_BYTES);
        return options;
    }

    private final String source;
    private final YAMLParser parser;

    private YamlReader(String source, YAMLParser parser) {
        this.source = source;
        this.parser = parser;
    }

    /** The document's root, or an empty mapping for an empty document. */
    public static YamlNode read(String yaml, String source) throws InventoryException {
        // long lines cost the parser time by their square: refused before it sees them (see InventoryText)
        InventoryText.check(yaml, source);
        try (JsonParser p = FACTORY.createParser(yaml)) {
            YamlReader reader = new YamlReader(source, (YAMLParser) p);
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlNode.MapNode(source, 1, List.of());
            }
            YamlNode root = reader.node(first);
            JsonToken next = p.nextToken();
            if (next != null) {
                throw new InventoryException(source + ":" + reader.line()
                        + ": a second YAML document ('---') is not allowed: one file holds one inventory");
            }
            return root;
        } catch (JsonProcessingException e) {
            // SnakeYAML's own exception (the cause) knows the line of the problem and of its context; the
            // Jackson location can point at an earlier token
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof MarkedYAMLException m && m.getProblem() != null && m.getProblemMark() != null) {
                    String context = m.getContext() == null || m.getContextMark() == null ? ""
                            : " (" + m.getContext().strip() + " started at line " + (m.getContextMark().getLine() + 1)
                            + ")";
                    throw new InventoryException(source + ":" + (m.getProblemMark().getLine() + 1)
                            + ": YAML syntax error: " + m.getProblem().strip() + context, e);
                }
            }
            throw new InventoryException(source + ":" + lineOf(e) + ": YAML syntax error: "
                    + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new InventoryException(source + ": cannot read YAML: " + e.getMessage(), e);
        }
    }

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    private int line() {
        return Math.max(1, parser.currentTokenLocation().getLineNr());
    }

    private YamlNode node(JsonToken token) throws IOException, InventoryException {
        int line = line();
        if (parser.isCurrentAlias()) {
            throw new InventoryException(source + ":" + line + ": YAML alias '*" + parser.getText()
                    + "' is not supported: write the value out (use groups and defaults to share settings)");
        }
        return switch (token) {
            case START_OBJECT -> map(line);
            case START_ARRAY -> list(line);
            case VALUE_STRING -> new YamlNode.Scalar(source, line, YamlNode.Kind.STRING, parser.getText());
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(source, line, YamlNode.Kind.INT,
                    parser.getBigIntegerValue().toString());
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(source, line, YamlNode.Kind.FLOAT, parser.getText());
            case VALUE_TRUE -> new YamlNode.Scalar(source, line, YamlNode.Kind.BOOL, "true");
            case VALUE_FALSE -> new YamlNode.Scalar(source, line, YamlNode.Kind.BOOL, "false");
            case VALUE_NULL -> new YamlNode.Scalar(source, line, YamlNode.Kind.NULL, "");
            default -> throw new InventoryException(source + ":" + line + ": unsupported YAML value ("
                    + token + ")");
        };
    }

    private YamlNode.MapNode map(int line) throws IOException, InventoryException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw new InventoryException(source + ":" + line() + ": expected a key, got " + token);
            }
            String key = parser.currentName();
            int keyLine = line();
            if (!seen.add(key)) {
                throw new InventoryException(source + ":" + keyLine + ": duplicate key '" + key
                        + "' (an earlier one in the same mapping would be silently replaced)");
            }
            YamlNode value = node(parser.nextToken());
            entries.add(new YamlNode.Entry(key, keyLine, value));
        }
        return new YamlNode.MapNode(source, line, entries);
    }

    private YamlNode.ListNode list(int line) throws IOException, InventoryException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(node(token));
        }
        return new YamlNode.ListNode(source, line, items);
    }
}
