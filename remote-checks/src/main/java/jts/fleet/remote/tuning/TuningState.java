package jts.fleet.remote.tuning;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import jts.fleet.inventory.Keyed;
import jts.fleet.inventory.QueueAttribute;

/**
 * state.json as written by tune-apply.sh: the values each device attribute had before jts-fleet first
 * touched it. Shape (one entry per line, so the POSIX scripts can read it back; format 2 ends with the entry
 * count and the POSIX {@code cksum} of every line up to the end of the entry list, so a cut or changed file is
 * told from a whole one, on the host as here):
 * <pre>
 * {
 *   "format": "jts-fleet-tuning-state 2",
 *   "rules_path": "/etc/udev/rules.d/60-jts-fleet.rules",
 *   "rules_before": "absent",
 *   "entries": [
 *     {"device": "nvme0n1", "attribute": "scheduler", "value": "mq-deadline"}
 *   ],
 *   "count": 1,
 *   "check": "cksum 2339128307 201"
 * }
 * </pre>
 * Format 1 (before the count and check) is still read.
 */
public record TuningState(String rulesPath, List<Entry> entries) {
    public static final String FORMAT = "jts-fleet-tuning-state 2";
    /** Written by jts-fleet before states carried their checksum: read, rewritten as format 2 by the next apply. */
    public static final String FORMAT_1 = "jts-fleet-tuning-state 1";

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

    /**
     * Reads a whole state or nothing.
     *
     * @throws IllegalArgumentException {@code "HOST: state.json is damaged (WHY)"}: not JSON, not a state, an
     *                                  invalid entry, or (format 2) a count or checksum that does not match
     */
    public static TuningState parse(String host, String json) {
        JsonNode root;
        try {
            root = jts.fleet.remote.json.JsonMappers.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw damaged(host, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw damaged(host, "not a JSON object");
        }
        String format = root.path("format").asText();
        if (!FORMAT.equals(format) && !FORMAT_1.equals(format)) {
            throw damaged(host, "format is not \"" + FORMAT + "\"");
        }
        List<Entry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode e : root.path("entries")) {
            String device = e.path("device").asText();
            String attribute = e.path("attribute").asText();
            String value = e.path("value").asText();
            Optional<QueueAttribute> parsed = Keyed.parse(QueueAttribute.class, attribute);
            if (!TuningNames.validDevice(device) || parsed.isEmpty() || !TuningNames.validValue(value)) {
                throw damaged(host, "entries[" + index + "] is not a valid entry: " + e);
            }
            entries.add(new Entry(device, parsed.get(), value));
            index++;
        }
        if (FORMAT.equals(format)) {
            if (!root.path("count").canConvertToInt() || root.path("count").asInt() != entries.size()) {
                throw damaged(host, "holds " + entries.size() + " entries, its count says " + root.path("count"));
            }
            String want = root.path("check").asText();
            String got = "cksum " + cksum(body(json).getBytes(StandardCharsets.UTF_8));
            if (!want.equals(got)) {
                throw damaged(host, "its checksum does not match (" + got + ", recorded " + want
                        + "): it was changed or damaged after it was written");
            }
        }
        return new TuningState(root.path("rules_path").asText(), entries);
    }

    private static IllegalArgumentException damaged(String host, String why) {
        return new IllegalArgumentException(host + ": state.json is damaged (" + why + ")");
    }

    /** The lines the checksum covers: up to and including the line that ends the entry list ({@code "  ],"}). */
    private static String body(String json) {
        int end = json.indexOf("\n  ],\n");
        return end < 0 ? json : json.substring(0, end + "\n  ],\n".length());
    }

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }
            CRC_TABLE[i] = c;
        }
    }

    /** What POSIX {@code cksum} prints for {@code data} read from stdin: {@code "CRC LENGTH"}. */
    static String cksum(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff];
        }
        for (long length = data.length; length != 0; length >>>= 8) {
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ (int) length) & 0xff];
        }
        return Integer.toUnsignedString(~crc) + " " + data.length;
    }
}
