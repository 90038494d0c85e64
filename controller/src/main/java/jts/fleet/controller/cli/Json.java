package jts.fleet.controller.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import jts.fleet.remote.json.JsonMappers;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The CLI's short names for {@link JsonMappers} (the project's one mapper): pretty, key order as built. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMappers.mapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String pretty(Object node) {
        return JsonMappers.pretty(node);
    }

    /** One line, for streams of JSON objects (watch). */
    public static String line(Object node) {
        return JsonMappers.line(node);
    }
}
