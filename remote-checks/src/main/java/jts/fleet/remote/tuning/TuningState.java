package jts.fleet.remote.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import jts.fleet.inventory.QueueAttribute;

/**
 * state.json as written by tune-apply.sh: the values each device attribute had before jts-fleet first
 * touched it. Shape (one entry per line, so the POSIX scripts can read it back with sed):
 * <pre>
 * {
 *   "format": "jts-fleet-tuning-state 1",
 *   "rules_path": "/etc/udev/rules.d/60-jts-fleet.rules",
 *   "rules_before": "absent",
 *   "entries": [
 *     {"device": "nvme0n1", "attribute": "scheduler", "value": "mq-deadline"}
 *   ]
 * }
 * </pre>
 */
public record TuningState(String rulesPath, List<Entry> entries) {
    public static final String FORMAT = "jts-fleet-tuning-state 1";

    public record Entry(String device, QueueAttribute attribute, String value) {
    }

    public TuningState {
        entries = List.copyOf(entries);
    }

    public Optional<String> original(String device, QueueAttribute attribute) {
        return entries.stream().filter(e -> e.device().equals(device) && e.attribute() == attribute)
                .map(Entry::value).findFirst();
    }

    public boolean knows(String device) {
        return entries.stream().anyMatch(e -> e.device().equals(device));
    }

    /** @throws IllegalArgumentException naming the host and what is wrong */
    public static TuningState parse(String host, String json) {
        JsonNode root;
        try {
            root = jts.fleet.remote.json.JsonMappers.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(host + ": state.json: " + e.getOriginalMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(host + ": state.json: format is not \"" + FORMAT + "\"");
        }
        List<Entry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode e : root.path("entries")) {
            String device = e.path("device").asText();
            String attribute = e.path("attribute").asText();
            String value = e.path("value").asText();
            Optional<QueueAttribute> parsed = QueueAttribute.parse(attribute);
            if (!TuningNames.validDevice(device) || parsed.isEmpty() || !TuningNames.validValue(value)) {
                throw new IllegalArgumentException(host + ": state.json entries[" + index + "]: invalid entry "
                        + e);
            }
            entries.add(new Entry(device, parsed.get(), value));
            index++;
        }
        return new TuningState(root.path("rules_path").asText(), entries);
    }
}
