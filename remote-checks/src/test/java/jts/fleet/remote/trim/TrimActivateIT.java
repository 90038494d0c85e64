package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.testing.Environment;

/**
 * trim-activate.sh where systemd "runs": this machine has no systemd as PID 1, so the systemd directory is a
 * temporary one and {@code systemctl} a stand-in on PATH that records its arguments and answers like systemd 252.
 * The script's output goes through the same parser as a real host's.
 */
class TrimActivateIT {
    /** What one run of the script gave. */
    private record Run(int exitCode, String stdout, String stderr) {
    }

    @TempDir
    Path dir;
    Path calls;
    Path bin;

    @BeforeEach
    void fakeSystemctl() throws IOException {
        Environment.requireTool("sh");
        calls = dir.resolve("calls");
        bin = Files.createDirectories(dir.resolve("bin"));
        Files.createDirectories(dir.resolve("run-systemd-system"));
        Path systemctl = bin.resolve("systemctl");
        Files.writeString(systemctl, """
                #!/bin/sh
                printf '%s\\n' "$*" >> "$JTS_FAKE_CALLS"
                case "$*" in
                    "is-enabled fstrim.timer") echo "$JTS_FAKE_FSTRIM_STATE"; [ "$JTS_FAKE_FSTRIM_STATE" = enabled ] ;;
                    "show -p NextElapseUSecRealtime --value jts-fstrim.timer") echo "Sat 2026-11-28 03:00:00 EST" ;;
                    *) exit 0 ;;
                esac
                """);
        systemctl.toFile().setExecutable(true);
    }

    private Run activate(String systemdDir, String mask, String fstrimState) throws Exception {
        Path script = dir.resolve("trim-activate.sh");
        Files.writeString(script, TrimScript.activateScript());
        ProcessBuilder pb = new ProcessBuilder("sh", script.toString(), systemdDir, mask);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("JTS_FAKE_CALLS", calls.toString());
        pb.environment().put("JTS_FAKE_FSTRIM_STATE", fstrimState);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    @Test
    void reloadsEnablesAndReportsAnEnabledFstrimTimer() throws Exception {
        Run result = activate(dir.resolve("run-systemd-system").toString(), "no", "enabled");
        Activation activation = parse(TrimScript.activationCommands(false), result);
        assertThat(activation).isEqualTo(new Activation.Activated(TrimScript.activationCommands(false), "enabled", false,
                "Sat 2026-11-28 03:00:00 EST"));
        assertThat(((Activation.Activated) activation).doubleTrimming()).isTrue();
        assertThat(calls()).containsExactly("daemon-reload", "enable --now jts-fstrim.timer", "is-enabled fstrim.timer",
                "show -p NextElapseUSecRealtime --value jts-fstrim.timer");
    }

    @Test
    void masksFstrimTimerOnlyWhenAskedAndNotAlreadyMasked() throws Exception {
        Run result = activate(dir.resolve("run-systemd-system").toString(), "yes", "enabled");
        Activation.Activated activation = (Activation.Activated) parse(TrimScript.activationCommands(true), result);
        assertThat(activation.maskedFstrimTimer()).isTrue();
        assertThat(activation.doubleTrimming()).isFalse();
        assertThat(calls()).contains("disable --now fstrim.timer", "mask fstrim.timer");

        Files.delete(calls);
        Run already = activate(dir.resolve("run-systemd-system").toString(), "yes", "masked");
        assertThat(parse(TrimScript.activationCommands(true), already))
                .isEqualTo(new Activation.Activated(TrimScript.activationCommands(true), "masked", false,
                        "Sat 2026-11-28 03:00:00 EST"));
        assertThat(calls()).doesNotContain("mask fstrim.timer");
    }

    @Test
    void withoutSystemdNothingRuns() throws Exception {
        Run result = activate(dir.resolve("absent").toString(), "yes", "enabled");
        assertThat(parse(TrimScript.activationCommands(true), result))
                .isInstanceOf(Activation.NoSystemd.class);
        assertThat(calls()).isEmpty();
    }

    @Test
    void badArgumentsAreRefused() throws Exception {
        Run result = activate("relative/dir", "no", "enabled");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("SYSTEMD_DIR must be absolute");
        assertThat(activate("/run/systemd/system", "maybe", "enabled").stderr()).contains("MASK must be yes or no");
    }

    /** The controller's reading of a run: exit 0, then {@link TrimScript#parseActivation}. */
    private static Activation parse(List<String> commands, Run run) {
        assertThat(run.exitCode()).as("trim-activate.sh exit, stderr: %s", run.stderr()).isZero();
        return TrimScript.parseActivation("db-01", commands, run.stdout());
    }
}
