package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.testing.Golden;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.monitor.AlertRules;

/** docs/METRICS.md is generated from the shipped host scripts and the alert rules; a stale copy fails here. */
class MetricsReferenceTest {
    private static final Path DOC = Path.of("..", "docs", "METRICS.md");
    private static final String REGENERATE = "regenerate with mvn -o -pl controller -am "
            + "test -Dtest=MetricsReferenceTest -Djts.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false";

    private static Policy policy() throws InventoryException {
        return InventoryLoader.standard().defaultPolicy();
    }

    @Test
    void committedReferenceMatchesTheCode() throws Exception {
        Golden.check(DOC, MetricsReference.markdown(policy()), REGENERATE);
    }

    @Test
    void everyJtsSeriesAnAlertReadsIsADocumentedFamily() throws Exception {
        List<AlertRules.Group> groups = AlertRules.groups(policy().tiers());
        Set<String> families = new TreeSet<>();
        MetricsReference.families().forEach(f -> families.add(f.name()));
        Set<String> undocumented = new TreeSet<>();
        for (String series : MetricsReference.seriesUsedBy(groups)) {
            if (series.startsWith("jts_") && !families.contains(MetricsReference.familyOf(series, families))) {
                undocumented.add(series);
            }
        }
        assertThat(undocumented)
                .as("series read by alert rules but written by no host script (or no longer seen by the extractor)")
                .isEmpty();
    }

    @Test
    void extractsTypesHelpAndLabelsFromTheScripts() {
        List<MetricsReference.Family> families = MetricsReference.families();
        assertThat(families).extracting(MetricsReference.Family::name)
                .contains("jts_device_info", "jts_tuning_drift", "jts_nvme_media_errors_total",
                        "jts_canary_read_seconds", "jts_trim_last_success_timestamp_seconds", "jts_trim_result")
                .doesNotHaveDuplicates();
        assertThat(families).allSatisfy(f -> {
            assertThat(f.type()).as(f.name()).isIn("gauge", "counter", "histogram", "summary", "untyped");
            assertThat(f.help()).as(f.name() + " HELP").isNotBlank();
        });
        assertThat(family(families, "jts_device_info").labels())
                .containsExactly("device", "tier", "class", "model", "serial", "wwn");
        assertThat(family(families, "jts_nvme_media_errors_total").type()).isEqualTo("counter");
        assertThat(family(families, "jts_canary_read_seconds").labels()).contains("mountpoint", "tier", "le");
        assertThat(family(families, "jts_trim_result").labels()).containsExactly("mount", "result");
    }

    @Test
    void helpTextOfThePrintfStyleIsRead() {
        String script = "printf '# HELP jts_x_bytes Bytes done.\\n'\nprintf '# TYPE jts_x_bytes gauge\\n'\n"
                + "printf 'jts_x_bytes{mount=\"%s\"} %s\\n' \"$m\" \"$b\"\n";
        assertThat(MetricsReference.scriptFamilies(script, "test"))
                .containsExactly(new MetricsReference.Family("jts_x_bytes", "gauge", "Bytes done.", List.of("mount"), "test"));
    }

    private static MetricsReference.Family family(List<MetricsReference.Family> families, String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no family " + name + " in " + families));
    }
}
