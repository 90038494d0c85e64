package jts.fleet.controller.trim;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Policy;

/** Host specs for the trim engine tests. */
final class TrimHosts {
    static final BlackoutWindow NY_TRADING = new BlackoutWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(8, 0), LocalTime.of(18, 0), ZoneId.of("America/New_York"));

    static Policy policy(List<BlackoutWindow> blackout) {
        return new Policy(List.of(), new Maintenance(blackout, "Sat *-*-* 02:00:00 America/New_York", 60), Map.of());
    }

    static HostSpec local(String name, HostSpec.Become become, List<BlackoutWindow> blackout) {
        return new HostSpec(name, HostSpec.Connection.LOCAL, "localhost", 22, "root", Optional.empty(), Optional.empty(),
                become, List.of("trim"), Optional.empty(), policy(blackout));
    }

    private TrimHosts() {
    }
}
