package jts.fleet.remote.trim;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jts.fleet.inventory.Keyed;

/**
 * One line of {@code trim.jsonl} / of {@code jts-fstrim --json}: the outcome for one filesystem in one run.
 * {@code device} is the mount source ({@code /dev/loop3}) and {@code majmin} the device number the script
 * deduplicated by; both are empty when the mount was missing or the run was refused before looking.
 */
public record TrimRecord(Instant time, String host, String mount, String device, String majmin, long bytes,
                         Duration duration, TrimResult result, String reason, boolean dryRun) {

    private static final ObjectMapper JSON = jts.fleet.remote.json.JsonMappers.mapper();

    /**
     * Parses one JSON line.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static TrimRecord parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        long ts = number(node, "ts").longValue();
        String resultKey = text(node, "result");
        TrimResult result = Keyed.parse(TrimResult.class, resultKey)
                .orElseThrow(() -> new IllegalArgumentException("field \"result\": unknown value \"" + resultKey + "\""));
        double seconds = number(node, "duration_s").doubleValue();
        long bytes = number(node, "bytes").longValue();
        if (bytes < 0 || seconds < 0) {
            throw new IllegalArgumentException("negative bytes or duration_s");
        }
        return new TrimRecord(Instant.ofEpochSecond(ts), text(node, "host"), text(node, "mount"),
                optionalText(node, "device"), optionalText(node, "majmin"), bytes,
                Duration.ofMillis(Math.round(seconds * 1000)), result, optionalText(node, "reason"),
                node.path("dry_run").asBoolean(false));
    }

    public Optional<String> reasonIfAny() {
        return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
    }

    private static JsonNode number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("field \"" + field + "\": missing or not a number");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\": missing or not a string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
