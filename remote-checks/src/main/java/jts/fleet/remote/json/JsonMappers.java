package jts.fleet.remote.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The project's one JSON mapper. Every value jts-fleet turns into JSON may hold {@code Optional}s and
 * {@code java.time} values, so both datatype modules are registered here and nowhere else: an empty
 * {@code Optional} is {@code null}, a {@code Duration} is a number of seconds, an {@code Instant} an ISO-8601
 * string, and record components become snake_case keys ({@code scriptExit} is {@code script_exit}) like every
 * key jts-fleet writes by hand. The mapper is thread-safe once configured and shared; key order is the order values were built in.
 */
public final class JsonMappers {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());
    private static final ObjectWriter PRETTY = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter LINE = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectWriter ASCII_LINE = LINE.with(JsonWriteFeature.ESCAPE_NON_ASCII);

    private JsonMappers() {
    }

    /** The shared mapper (reading and tree building); do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                // every document jts-fleet prints uses snake_case keys; records' camelCase names follow suit
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Indented, for documents a person may read ({@code -o json}, stored files). */
    public static String pretty(Object value) {
        return write(PRETTY, value);
    }

    /** One line, for streams of JSON objects ({@code watch -o json}, logs). */
    public static String line(Object value) {
        return write(LINE, value);
    }

    /**
     * One line of ASCII, anything else {@code \}u-escaped: for lines a host script checks and copies byte for byte
     * under {@code LC_ALL=C} (change records).
     */
    public static String asciiLine(Object value) {
        return write(ASCII_LINE, value);
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON: " + e.getOriginalMessage(), e);
        }
    }
}
