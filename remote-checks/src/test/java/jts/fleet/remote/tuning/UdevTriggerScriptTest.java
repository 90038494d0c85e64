package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "udevd is running" path of tune-apply.sh/tune-rollback.sh: a real unix socket at run/udev/control in
 * the fake tree and a fake {@code udevadm} on PATH that logs its arguments (a real udevd would act on this
 * machine's devices). Reload once, trigger exactly the affected devices, and undo on a failed reload.
 */
class UdevTriggerScriptTest {
    @TempDir
    Path tmp;
    FakeSysfs sysfs;
    Path log;
    Path bin;
    ServerSocketChannel control;

    @BeforeEach
    void setUp() throws IOException {
        sysfs = new FakeSysfs(tmp.resolve("root"))
                .device("nvme0n1", Map.of("scheduler", "[mq-deadline] none", "read_ahead_kb", "4096"))
                .device("nvme1n1", Map.of("scheduler", "[none] mq-deadline", "read_ahead_kb", "4096"))
                .device("nvme2n1", Map.of("scheduler", "[none] mq-deadline", "read_ahead_kb", "128"));
        Path socket = tmp.resolve("root/run/udev/control");
        Files.createDirectories(socket.getParent());
        control = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        control.bind(UnixDomainSocketAddress.of(socket));
        log = tmp.resolve("udevadm.log");
        bin = tmp.resolve("bin");
        Files.createDirectories(bin);
    }

    @AfterEach
    void tearDown() throws IOException {
        control.close();
    }

    private void fakeUdevadm(String failOn) throws IOException {
        Path udevadm = bin.resolve("udevadm");
        Files.writeString(udevadm, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + log + "'\n"
                + "case \"$*\" in *'" + failOn + "'*) echo 'udevadm: failed' >&2; exit 1 ;; esac\nexit 0\n");
        Files.setPosixFilePermissions(udevadm, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private ScriptOutcome apply() {
        return ScriptRunner.runWithPath(bin, TuningScripts.APPLY,
                "@@jts-tune 1\nset nvme0n1 scheduler none\nset nvme0n1 read_ahead_kb 128\nset nvme1n1 read_ahead_kb 128\n"
                        + "@@rules\n" + UdevRules.HEADER + "\n@@end\n",
                sysfs.root.toString(), tmp.resolve("state").toString(), tmp.resolve("rules/60-jts-fleet.rules").toString());
    }

    @Test
    void reloadsOnceAndTriggersOnlyTheAffectedDevices() throws IOException {
        fakeUdevadm("never");

        ScriptOutcome outcome = apply();

        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
        assertThat(outcome.records("note")).isEmpty();
        assertThat(Files.readAllLines(log)).containsExactly(
                "control --ping",
                "control --reload-rules",
                "trigger --action=change --sysname-match=nvme0n1",
                "trigger --action=change --sysname-match=nvme1n1",
                "settle --timeout=10");

        Files.delete(log);
        ScriptOutcome undo = ScriptRunner.runWithPath(bin, TuningScripts.ROLLBACK, "", sysfs.root.toString(),
                tmp.resolve("state").toString(), tmp.resolve("rules/60-jts-fleet.rules").toString());
        assertThat(undo.succeeded()).as("%s", undo).isTrue();
        assertThat(Files.readAllLines(log)).containsExactly("control --ping", "control --reload-rules",
                "trigger --action=change --sysname-match=nvme0n1", "trigger --action=change --sysname-match=nvme1n1");
        assertThat(sysfs.read("nvme0n1", "read_ahead_kb")).isEqualTo("4096");
    }

    @Test
    void aFailedReloadRestoresValuesAndTheRulesFile() throws IOException {
        fakeUdevadm("--reload-rules");
        Map<String, String> before = sysfs.snapshot();

        ScriptOutcome outcome = apply();

        assertThat(outcome.exitCode()).isEqualTo(1);
        // the fake refuses every reload, so the reload after the restore is reported as failing too
        assertThat(outcome.errors()).containsExactly("test-host: udevadm reload/trigger failed",
                "test-host: udev reload after restore failed");
        assertThat(tmp.resolve("rules/60-jts-fleet.rules")).doesNotExist();
        assertThat(tmp.resolve("state/state.json")).doesNotExist();
        Map<String, String> expected = new java.util.TreeMap<>(before);
        expected.put("nvme0n1/scheduler", "mq-deadline\n"); // written back as a plain name
        assertThat(sysfs.snapshot()).isEqualTo(expected);
        // the restore reloads again so udev forgets the removed file
        assertThat(Files.readAllLines(log)).filteredOn(l -> l.equals("control --reload-rules")).hasSize(2);
    }

    @Test
    void withoutTheControlSocketUdevIsLeftAlone() throws IOException {
        fakeUdevadm("never");
        control.close();
        Files.delete(tmp.resolve("root/run/udev/control"));

        ScriptOutcome outcome = apply();

        assertThat(outcome.succeeded()).isTrue();
        assertThat(log).doesNotExist();
        assertThat(List.of(sysfs.read("nvme0n1", "read_ahead_kb"))).containsExactly("128");
    }
}
