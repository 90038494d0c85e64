package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.OutputLimits;
import jts.fleet.inventory.Defaults;
import jts.fleet.inventory.HostSpec;

/** One order for every deadline and cap: command line, then the shell's options, then the inventory, then built-in. */
class SettingsOverridesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC);

    private static Defaults inventory(Optional<Duration> run, Optional<Long> maxOutput) {
        return new Defaults("jts", 22, Optional.empty(), Optional.empty(), HostSpec.Become.NONE,
                HostSpec.Connection.SSH, Optional.empty(), Duration.ofSeconds(7), Duration.ofSeconds(45), run,
                maxOutput, Optional.empty());
    }

    private static SettingsOverrides given(Duration connect, Duration command, Duration run, Long maxOutput) {
        return new SettingsOverrides(Optional.ofNullable(connect), Optional.ofNullable(command),
                Optional.ofNullable(run), Optional.ofNullable(maxOutput), Optional.empty());
    }

    @Test
    void nothingGivenTakesTheInventoryThenTheBuiltInValues() throws UsageException {
        RunSettings s = SettingsOverrides.NONE.resolve(inventory(Optional.empty(), Optional.empty()), CLOCK);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(s.commandTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.runTimeout()).isEqualTo(RunSettings.DEFAULT_RUN_TIMEOUT);
        assertThat(s.runTimeoutExplicit()).isFalse();
        assertThat(s.runTimeoutOr(() -> Duration.ofHours(3))).isEqualTo(Duration.ofHours(3));
        assertThat(s.output()).isEqualTo(OutputLimits.DEFAULT);
        assertThat(s.clock()).isSameAs(CLOCK);
    }

    @Test
    void commandLineWinsOverShellWhichWinsOverInventory() throws UsageException {
        SettingsOverrides shell = given(Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofMinutes(2), 1L << 20);
        SettingsOverrides command = given(null, Duration.ofSeconds(5), null, null);
        RunSettings s = command.over(shell).resolve(inventory(Optional.of(Duration.ofMinutes(9)),
                Optional.of(2L << 20)), CLOCK);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.runTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.output().readBytes()).isEqualTo(1L << 20);
    }

    @Test
    void anInventoryRunDeadlineIsExplicitToo() throws UsageException {
        RunSettings s = SettingsOverrides.NONE.resolve(inventory(Optional.of(Duration.ofMinutes(9)), Optional.empty()),
                CLOCK);
        assertThat(s.runTimeoutExplicit()).isTrue();
        assertThat(s.runTimeoutOr(() -> Duration.ofHours(3))).isEqualTo(Duration.ofMinutes(9));
    }

    @Test
    void unusableValuesAreUsageErrors() {
        Defaults defaults = inventory(Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> given(null, Duration.ZERO, null, null).resolve(defaults, CLOCK))
                .isInstanceOf(UsageException.class).hasMessage("--timeout 0s: a deadline must be above zero");
        assertThatThrownBy(() -> given(null, null, null, 100L).resolve(defaults, CLOCK))
                .isInstanceOf(UsageException.class).hasMessageContaining("at least 64 KiB");
    }

    @Test
    void theCommandLineReachesTheSessionOfEveryFleetCommand() {
        CliRun run = CliRun.of("status", "--list-hosts", "--timeout", "0s");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(jts.fleet.controller.ExitCodes.USAGE);
        assertThat(run.err()).contains("--timeout 0s: a deadline must be above zero");
    }
}
