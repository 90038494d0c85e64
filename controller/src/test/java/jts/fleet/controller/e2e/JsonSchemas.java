package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import jts.fleet.remote.json.JsonMappers;

/**
 * The published JSON schemas (docs/schema/NAME.schema.json, draft 2020-12): parses a command's {@code -o json}
 * output and validates it, failing with every violation's path and message.
 */
public final class JsonSchemas {
    /** docs/schema of this checkout. */
    public static final Path DIR = Path.of("..").toAbsolutePath().normalize().resolve("docs/schema");
    private static final String BASE = "https://jts-fleet.invalid/schema/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(uri -> {
                if (!uri.startsWith(BASE)) {
                    return null;
                }
                try {
                    return Files.readString(DIR.resolve(uri.substring(BASE.length())));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    public static Schema schema(String name) {
        return CACHE.computeIfAbsent(name, n -> REGISTRY.getSchema(SchemaLocation.of(BASE + n + ".schema.json")));
    }

    /** Parses {@code text} as one JSON document and asserts it is valid against schema {@code name}. */
    public static JsonNode validate(String name, String text) {
        JsonNode doc;
        try {
            doc = JsonMappers.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + e.getMessage() + "):\n" + text, e);
        }
        assertValid(name, doc);
        return doc;
    }

    public static void assertValid(String name, JsonNode doc) {
        List<Error> errors = schema(name).validate(doc);
        assertThat(errors).as("%s.schema.json violations in:%n%s", name, doc.toPrettyString())
                .extracting(e -> e.getInstanceLocation() + ": " + e.getMessage()).isEmpty();
    }

    /** For a stream of documents, one per line (watch -o json). */
    public static List<JsonNode> validateLines(String name, String text) {
        return text.lines().filter(l -> !l.isBlank()).map(l -> validate(name, l)).toList();
    }
}
