package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.testing.LoopDevices;

/**
 * A sysfs that refuses writes with EROFS (as inside a container) is reported plainly. The fake tree sits on
 * a tmpfs remounted read-only (mounted and unmounted by {@link LoopDevices}); state and rules stay writable so the
 * refusal comes from the attribute write.
 */
class ReadOnlySysfsIT {
    @TempDir
    Path tmp;

    @Test
    void writesOnAReadOnlySysfsAreReportedAsSuch() throws Exception {
        Environment.requireRoot();
        try (LoopDevices mounts = new LoopDevices(tmp)) {
            Path root = mounts.tmpfs("ro-root", "1m");
            FakeSysfs sysfs = new FakeSysfs(root).device("sda", java.util.Map.of("read_ahead_kb", "128"));
            LoopDevices.run("mount", "-o", "remount,ro", root.toString());

            ScriptOutcome outcome = ScriptRunner.run(TuningScripts.APPLY,
                    "@@jts-tune 1\nset sda read_ahead_kb 256\n@@rules\n# x\n@@end\n", root.toString(),
                    tmp.resolve("state").toString(), tmp.resolve("rules/60-jts-fleet.rules").toString());

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.errors()).singleElement().asString()
                    .contains("sda/queue/read_ahead_kb", "Read-only file system", "sysfs is read-only on this host");
            assertThat(sysfs.read("sda", "read_ahead_kb")).isEqualTo("128");
            assertThat(tmp.resolve("state/state.json")).doesNotExist();
            assertThat(tmp.resolve("rules/60-jts-fleet.rules")).doesNotExist();
        }
    }
}
