package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.QueueAttribute;

/** The queue-attribute allowlist is defined once (QueueAttribute, in WriteOrder's order); the scripts get it. */
class TuningScriptsTest {
    private static final String NAMES = Arrays.stream(QueueAttribute.values()).map(QueueAttribute::key)
            .collect(Collectors.joining("|"));
    /** Two attribute names joined by {@code |}: a hand-written case list. */
    private static final Pattern HAND_WRITTEN_LIST = Pattern.compile("\\b(" + NAMES + ")\\s*\\|\\s*\\\\?\\s*(" + NAMES + ")\\b");

    @Test
    void theWriteOrderHoldsEveryAttributeOnce() {
        assertThat(WriteOrder.ORDER).doesNotHaveDuplicates().containsExactlyInAnyOrder(QueueAttribute.values());
    }

    @ParameterizedTest
    @EnumSource(TuningScripts.class)
    void everyScriptGetsTheAllowlistFromWriteOrder(TuningScripts script) {
        String text = script.text();
        String expected = "ATTR_ORDER=\"" + String.join(" ", WriteOrder.ORDER.stream().map(QueueAttribute::key).toList())
                + "\"";
        List<String> assignments = text.lines().filter(l -> l.startsWith("ATTR_ORDER=")).toList();
        assertThat(assignments).as("%s: the allowlist", script).containsExactly(expected);
        assertThat(text.lines().filter(l -> l.startsWith("BDI_ATTRS=")).toList()).as("%s: backing device attributes",
                script).containsExactly("BDI_ATTRS=\"read_ahead_kb max_ratio\"");
        assertThat(TuningPlanner.BDI_ATTRIBUTES).containsExactlyInAnyOrder(QueueAttribute.READ_AHEAD_KB,
                QueueAttribute.MAX_RATIO);
        assertThat(text).as("%s: every slot is filled", script).doesNotContain("@@ATTR_ORDER@@", "@@BDI_ATTRS@@");
        Matcher copy = HAND_WRITTEN_LIST.matcher(text);
        assertThat(copy.find() ? copy.group() : "").as("%s: a hand-written copy of the allowlist", script).isEmpty();
    }

    @Test
    void queueSetAndBenchDevicesGetTheBlockQueueAttributesFromWriteOrder() {
        String text = jts.fleet.remote.bench.BenchScripts.QUEUE_SET.text();
        assertThat(text.lines().filter(l -> l.startsWith("QUEUE_ATTRS=")).toList()).containsExactly(
                "QUEUE_ATTRS=\"scheduler max_sectors_kb nr_requests wbt_lat_usec read_ahead_kb rq_affinity nomerges"
                        + " add_random write_cache\"");
        assertThat(WriteOrder.BLOCK_QUEUE).containsExactlyElementsOf(WriteOrder.ORDER.stream()
                .filter(a -> a != QueueAttribute.MAX_RATIO).toList());
        assertThat(text).doesNotContain("@@QUEUE_ATTRS@@");
        String devices = jts.fleet.remote.bench.BenchScripts.DEVICES.text();
        assertThat(devices.lines().filter(l -> l.startsWith("READ_ATTRS=")).toList()).containsExactly(
                "READ_ATTRS=\"scheduler max_sectors_kb nr_requests wbt_lat_usec read_ahead_kb rq_affinity nomerges"
                        + " add_random write_cache rotational logical_block_size\"");
    }

    @Test
    void noHostScriptWritesTheAllowlistByHand() throws java.io.IOException {
        java.nio.file.Path resources = java.nio.file.Path.of("src/main/resources");
        List<java.nio.file.Path> scripts;
        try (var files = java.nio.file.Files.walk(resources)) {
            scripts = files.filter(f -> f.toString().endsWith(".sh")).sorted().toList();
        }
        assertThat(scripts).hasSizeGreaterThan(20);
        for (java.nio.file.Path script : scripts) {
            Matcher copy = HAND_WRITTEN_LIST.matcher(java.nio.file.Files.readString(script));
            assertThat(copy.find() ? copy.group() : "").as("%s: a hand-written copy of the allowlist", script).isEmpty();
        }
    }
}
