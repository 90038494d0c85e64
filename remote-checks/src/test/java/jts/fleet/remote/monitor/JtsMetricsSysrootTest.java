package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jts.fleet.remote.monitor.MetricsConfig.HealthTool;
import jts.fleet.remote.monitor.MetricsConfig.QueueEntry;

/**
 * jts-metrics.sh judges the sysroot of its config by the host prelude's one rule (use_sysroot), as every script that
 * takes one: a sysroot it would refuse elsewhere is refused here too, before anything is read or written.
 */
class JtsMetricsSysrootTest {
    @TempDir
    Path dir;

    /**
     * The tree's config (one queue attribute to judge) with {@code sysroot} written as given: MetricsConfig itself
     * refuses what the script must refuse too, so the line is replaced in the rendered text.
     */
    private static Path configWithSysroot(HostTree t, String sysroot) throws Exception {
        Path conf = t.writeConfig(new MetricsConfig(t.textfileDir, t.stateDir, Optional.of(t.sysroot), 600,
                HealthTool.AUTO, List.of(), List.of(), List.of(new QueueEntry("nvme0n1", "scheduler", "none")),
                List.of(), List.of(), List.of()));
        String rendered = Files.readString(conf);
        String line = "sysroot\t" + t.sysroot + "\n";
        assertThat(rendered).contains(line);
        Files.writeString(conf, rendered.replace(line, "sysroot\t" + sysroot + "\n"));
        return conf;
    }

    @ParameterizedTest(name = "sysroot {0}")
    @CsvSource(delimiter = '|', value = {
            "TREE/../sysroot    | jts-metrics: refusing sysroot 'TREE/../sysroot'",
            "TREE//sysroot      | jts-metrics: refusing sysroot 'TREE//sysroot'",
            "TREE/sys\\nroot    | jts-metrics: refusing sysroot 'TREE/sys\\nroot'",
            "sysroot            | jts-metrics: sysroot must be an absolute path: sysroot"})
    void aSysrootTheHostPreludeRefusesIsRefusedBeforeAnythingIsWritten(String written, String message)
            throws Exception {
        HostTree t = new HostTree(dir).queue("nvme0n1", "scheduler", "[none] mq-deadline");
        String tree = t.root.toString();

        HostTree.Result r = t.run(configWithSysroot(t, written.replace("TREE", tree)));

        assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo(message.replace("TREE", tree) + "\n");
        assertThat(t.textfileDir).as("nothing written").doesNotExist();
        assertThat(t.stateDir).as("nothing written").doesNotExist();
    }

    @ParameterizedTest(name = "sysroot {0}")
    @CsvSource({"TREE/sysroot", "TREE/sysroot/"})
    void aPlainTreeIsRead(String written) throws Exception {
        HostTree t = new HostTree(dir).queue("nvme0n1", "scheduler", "[none] mq-deadline");

        HostTree.Result r = t.run(configWithSysroot(t, written.replace("TREE", t.root.toString())));

        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.prom()).contains(
                "jts_tuning_drift{device=\"nvme0n1\",attribute=\"scheduler\",expected=\"none\",actual=\"none\"} 0");
    }
}
