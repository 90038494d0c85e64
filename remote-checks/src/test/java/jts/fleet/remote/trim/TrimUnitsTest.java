package jts.fleet.remote.trim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.Maintenance;
import jts.fleet.remote.systemd.Unit;
import jts.fleet.inventory.testing.Golden;

class TrimUnitsTest {
    private static final Golden GOLDEN = Golden.under("jts/fleet/remote/trim/golden");


    @Test
    void serviceMatchesGolden() throws IOException {
        GOLDEN.assertMatches("jts-fstrim.service", TrimUnits.service("db-01").render());
    }

    @Test
    void timerMatchesGolden() throws IOException {
        GOLDEN.assertMatches("jts-fstrim.timer", TrimUnits.timer("db-01", TrimPolicies.weekendTrim()).render());
    }

    @Test
    void serviceIsHardenedLikeUtilLinuxButKeepsTargetsWritable() {
        var service = TrimUnits.service("db-01").section("Service").orElseThrow();
        assertThat(service.value("ExecStart")).contains(TrimPaths.SCRIPT);
        assertThat(service.value("Type")).contains("oneshot");
        assertThat(service.value("PrivateNetwork")).contains("yes");
        assertThat(service.value("PrivateDevices")).contains("no");
        assertThat(service.value("ProtectKernelModules")).contains("yes");
        assertThat(service.value("ProtectSystem")).as("FITRIM fails on read-only views").isEmpty();
        assertThat(service.value("ProtectHome")).isEmpty();
        assertThat(service.value("SuccessExitStatus")).contains(String.valueOf(TrimScript.EXIT_REFUSED));
    }

    @Test
    void timerIsPersistentWithScheduleFromPolicy() {
        var timer = TrimUnits.timer("db-01", TrimPolicies.weekendTrim()).section("Timer").orElseThrow();
        assertThat(timer.value("OnCalendar")).contains("Sat *-*-* 02:00:00 America/New_York");
        assertThat(timer.value("Persistent")).contains("true");
        assertThat(timer.value("AccuracySec")).contains("1min");
        // Saturday 02:00 is 54h before Monday 08:00: the cap applies
        assertThat(timer.value("RandomizedDelaySec")).contains("3600");
    }

    @Test
    void delayIsHalfTheShortestGapToTheNextWindow() {
        BlackoutWindow openingBell = new BlackoutWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 30), LocalTime.of(16, 0), TrimPolicies.NEW_YORK);
        TrimUnits.Delay delay = TrimUnits.randomizedDelay("Mon..Fri *-*-* 08:50 America/New_York", List.of(openingBell));
        assertThat(delay.delay()).isEqualTo(Duration.ofMinutes(20));
        assertThat(delay.why()).anySatisfy(l -> assertThat(l).contains("40min"));
    }

    @Test
    void gapIsTakenOverAYearSoDaylightSavingMismatchesCount() {
        // London window 06:45; New York 01:00 is 06:00 in London most of the year (gap 45 min) but 05:00 in the
        // weeks when only one of the two has switched to summer time (gap 105 min): the shorter one counts.
        BlackoutWindow londonDay = new BlackoutWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(6, 45), LocalTime.of(16, 30), TrimPolicies.LONDON);
        assertThat(TrimUnits.randomizedDelay("Mon..Fri 01:00 America/New_York", List.of(londonDay)).delay())
                .isEqualTo(Duration.ofMinutes(22));
    }

    @Test
    void overnightWindowsAreRespected() {
        // Thursday 22:00 London: the Thursday 23:00 window opens an hour later
        assertThat(TrimUnits.randomizedDelay("Thu 22:00 Europe/London", List.of(TrimPolicies.LONDON_OVERNIGHT)).delay())
                .isEqualTo(Duration.ofMinutes(30));
        // Friday 06:00 London is still inside Thursday's overnight window
        assertThatThrownBy(() -> TrimUnits.randomizedDelay("Fri 06:00 Europe/London", List.of(TrimPolicies.LONDON_OVERNIGHT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maintenance.trim_schedule \"Fri 06:00 Europe/London\" elapses inside the blackout window");
    }

    @Test
    void unknownGapMeansNoRandomDelay() {
        assertThat(TrimUnits.randomizedDelay("Sat 02:00", List.of(TrimPolicies.NY_TRADING)).delay()).isZero();
        assertThat(TrimUnits.randomizedDelay("*-*~01 02:00:00 UTC", List.of(TrimPolicies.NY_TRADING)).delay()).isZero();
        assertThat(TrimUnits.randomizedDelay("Sat 02:00", List.of()).delay()).isEqualTo(TrimUnits.MAX_RANDOMIZED_DELAY);
    }

    @Test
    void anyCalendarSystemdKnowsGetsItsGapNotJustWeeklyOnes() {
        // the 1st of a month at 02:00 UTC is 21:00 or 22:00 New York the evening before: 10+ h to 08:00 at least
        assertThat(TrimUnits.randomizedDelay("*-*-01 02:00:00 UTC", List.of(TrimPolicies.NY_TRADING)).delay())
                .isEqualTo(TrimUnits.MAX_RANDOMIZED_DELAY);
    }

    @Test
    void renderReturnsServiceThenTimer() {
        List<Unit> units = TrimUnits.render("db-01", new Maintenance(List.of(), "weekly", 60));
        assertThat(units).extracting(Unit::fileName).containsExactly("jts-fstrim.service", "jts-fstrim.timer");
    }
}
