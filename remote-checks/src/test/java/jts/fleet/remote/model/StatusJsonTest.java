package jts.fleet.remote.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jts.fleet.inventory.DeviceClass;
import org.junit.jupiter.api.Test;

/** The issue-2 {@code -o json} contract fields, by name (the golden files cover the whole rendering). */
class StatusJsonTest {
    @Test
    void contractFields() throws Exception {
        StorageModel model = TierAssigner.assign(Fixtures.snapshot("sata-md-host"), TierAssignerTest.policy(
                TierAssignerTest.tier("warm", Set.of(DeviceClass.SSD, DeviceClass.HDD), List.of(),
                        List.of("/data/warm-storage"))));
        ObjectNode json = StatusJson.devicesAndMounts(model);
        JsonNode sda = find(json.get("devices"), "name", "sda");
        for (String field : List.of("name", "class", "class_reason", "tier", "hidden", "parent", "slaves",
                "rotational", "size_bytes", "model", "serial", "wwn", "scheduler", "queue", "discard", "mounts")) {
            assertThat(sda.has(field)).as("devices[].%s", field).isTrue();
        }
        assertThat(sda.get("class").asText()).isEqualTo("ssd");
        assertThat(sda.get("class_reason").asText()).isEqualTo("rotational=0 on sata");
        assertThat(sda.get("tier").asText()).isEqualTo("warm");
        assertThat(sda.get("rotational").asBoolean()).isFalse();
        assertThat(sda.get("size_bytes").asLong()).isEqualTo(1953525168L * 512);
        assertThat(sda.get("serial").asText()).isEqualTo("S6PTNZ0R812345F"); // from udev: no sysfs serial on ata
        assertThat(sda.get("scheduler").get("current").asText()).isEqualTo("mq-deadline");
        assertThat(texts(sda.get("scheduler").get("available"))).containsExactly("mq-deadline", "kyber", "bfq", "none");
        assertThat(sda.get("queue").get("read_ahead_kb").asInt()).isEqualTo(128);
        assertThat(sda.get("queue").get("write_cache").asText()).isEqualTo("write back");
        assertThat(sda.get("queue").has("scheduler")).isFalse();
        assertThat(sda.get("discard").get("supported").asBoolean()).isTrue();
        assertThat(sda.get("discard").get("granularity_bytes").asLong()).isEqualTo(512);
        assertThat(sda.get("discard").get("max_bytes").asLong()).isEqualTo(2147450880L);
        assertThat(texts(sda.get("mounts"))).containsExactly("/", "/data/warm-storage");

        JsonNode sdb1 = find(json.get("devices"), "name", "sdb1");
        assertThat(sdb1.get("parent").asText()).isEqualTo("sdb");
        assertThat(sdb1.get("rotational").asBoolean()).isTrue(); // from its disk, like lsblk
        assertThat(sdb1.get("discard").get("supported").asBoolean()).isFalse();
        JsonNode md0 = find(json.get("devices"), "name", "md0");
        assertThat(texts(md0.get("slaves"))).containsExactly("sda1", "sdb1");

        JsonNode warm = find(json.get("mounts"), "path", "/data/warm-storage");
        for (String field : List.of("path", "source", "fstype", "device", "leaf_devices", "tier", "network",
                "online_discard")) {
            assertThat(warm.has(field)).as("mounts[].%s", field).isTrue();
        }
        assertThat(warm.get("device").asText()).isEqualTo("md0");
        assertThat(texts(warm.get("leaf_devices"))).containsExactly("sda", "sdb");
        assertThat(warm.get("tier").asText()).isEqualTo("warm");
        assertThat(warm.get("online_discard").asBoolean()).isTrue();
        assertThat(warm.get("network").asBoolean()).isFalse();
        assertThat(texts(json.get("mounts"), "path")).containsExactly("/", "/data/warm-storage", "/home");
    }

    private static JsonNode find(JsonNode array, String key, String value) {
        for (JsonNode n : array) {
            if (n.get(key).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no element with " + key + "=" + value + " in " + array);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String key) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(key).asText()));
        return out;
    }

    /** Queue values become JSON numbers when they are longs, text otherwise, without an exception per value. */
    @Test
    void numbersAndText() {
        assertThat(StatusJson.isLong("0")).isTrue();
        assertThat(StatusJson.isLong("-1")).isTrue();
        assertThat(StatusJson.isLong("2199023255040")).isTrue();
        assertThat(StatusJson.isLong("9223372036854775807")).isTrue();
        assertThat(StatusJson.isLong("18446744073709550592")).as("discard_max_bytes of some devices").isFalse();
        assertThat(StatusJson.isLong("9223372036854775808")).isFalse();
        assertThat(StatusJson.isLong("none")).isFalse();
        assertThat(StatusJson.isLong("write back")).isFalse();
        assertThat(StatusJson.isLong("")).isFalse();
        assertThat(StatusJson.isLong("-")).isFalse();
        assertThat(StatusJson.isLong("12a")).isFalse();
    }
}
