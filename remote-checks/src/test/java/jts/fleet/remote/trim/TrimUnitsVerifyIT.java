package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jts.fleet.inventory.Maintenance;
import jts.fleet.remote.systemd.Unit;
import jts.fleet.remote.testing.Environment;

/**
 * The rendered units against systemd's own checker. {@code systemd-analyze verify} resolves ExecStart= and the
 * default dependencies (sysinit.target ...), so it runs against a temporary root holding the script at its fixed
 * path, a copy of the distribution's units and ours.
 */
class TrimUnitsVerifyIT {
    // not @TempDir: the copied units include symlinks to /dev/null, which JUnit warns about on cleanup
    Path root;
    Path systemdAnalyze;

    @BeforeEach
    void setUp() throws IOException {
        systemdAnalyze = Environment.requireTool("systemd-analyze");
        root = Files.createTempDirectory("jts-trim-units");
        Path distributionUnits = Path.of("/usr/lib/systemd/system");
        Environment.require(Files.isDirectory(distributionUnits), distributionUnits + " (units shipped with systemd)");
        Files.createDirectories(root.resolve("usr/lib/systemd"));
        HostScript.Run copy = HostScript.exec("cp", "-a", distributionUnits.toString(), root.resolve("usr/lib/systemd").toString());
        assertThat(copy.exit()).as(copy.toString()).isZero();
        Path script = root.resolve(TrimPaths.SCRIPT.substring(1));
        Files.createDirectories(script.getParent());
        Files.writeString(script, TrimScript.text());
        script.toFile().setExecutable(true);
        Files.createDirectories(root.resolve("etc/systemd/system"));
    }

    @AfterEach
    void removeRoot() {
        if (root != null) {
            HostScript.exec("rm", "-rf", "--one-file-system", root.toString());
        }
    }

    private HostScript.Run verify(List<Unit> units) throws IOException {
        for (Unit unit : units) {
            Files.writeString(root.resolve("etc/systemd/system").resolve(unit.fileName()), unit.render());
        }
        String[] command = new String[3 + units.size()];
        command[0] = systemdAnalyze.toString();
        command[1] = "verify";
        command[2] = "--root=" + root;
        for (int i = 0; i < units.size(); i++) {
            command[3 + i] = units.get(i).fileName();
        }
        return HostScript.exec(command);
    }

    @Test
    void renderedUnitsVerifyWithoutAnyOutput() throws IOException {
        for (Maintenance maintenance : List.of(TrimPolicies.weekendTrim(),
                new Maintenance(List.of(TrimPolicies.LONDON_OVERNIGHT), "Fri..Sat *-*-* 12:00 Europe/London", 60),
                new Maintenance(List.of(), "weekly", 60))) {
            HostScript.Run run = verify(TrimUnits.render("db-01", maintenance));
            assertThat(run.stdout() + run.stderr()).as("systemd-analyze verify for %s", maintenance.trimSchedule()).isEmpty();
            assertThat(run.exit()).isZero();
        }
    }

    @Test
    void verifyReallyChecksWhatWeRender() throws IOException {
        // control: the same check reports a typo and a missing ExecStart binary, so silence above means something
        Unit broken = Unit.builder("jts-fstrim.service").section("Service").set("Type", "oneshot")
                .set("ExecStart", "/usr/local/libexec/jts-fleet/absent").set("ProtectKernelModuels", "yes").build();
        HostScript.Run run = verify(List.of(broken));
        assertThat(run.stdout() + run.stderr()).contains("ProtectKernelModuels").contains("absent");
    }

    @Test
    void scheduleIsAcceptedBySystemdCalendar() {
        for (String schedule : List.of(TrimPolicies.weekendTrim().trimSchedule(), "Fri..Sat *-*-* 12:00 Europe/London")) {
            HostScript.Run run = HostScript.exec(systemdAnalyze.toString(), "calendar", schedule);
            assertThat(run.exit()).as("systemd-analyze calendar %s: %s", schedule, run).isZero();
            assertThat(run.stdout()).contains("Next elapse:");
        }
    }
}
