package jts.fleet.controller.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Inventory;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;

class ChangeFreezeTest {
    private static List<HostSpec> hosts() throws InventoryException {
        Inventory inv = InventoryLoader.standard().loadFromString("hosts:\n"
                + "  ny-01: {address: ny-01}\n"
                + "  ldn-01:\n"
                + "    address: ldn-01\n"
                + "    policy:\n"
                + "      maintenance:\n"
                + "        blackout:\n"
                + "          - {days: [mon, tue, wed, thu, fri], from: \"08:00\", to: \"16:30\", timezone: Europe/London}\n",
                "inv.yaml");
        return List.copyOf(inv.hosts().values());
    }

    @Test
    void eachHostIsJudgedByItsOwnWindows() throws Exception {
        // Monday 14:00 London = 09:00 New York: both inside; 17:00 London = 12:00 New York: only New York
        ZonedDateTime both = ZonedDateTime.parse("2026-11-23T14:00:00Z");
        ZonedDateTime newYorkOnly = ZonedDateTime.parse("2026-11-23T17:00:00Z");
        assertThat(ChangeFreeze.decide(hosts(), "apply", both, false).allowed()).isEmpty();
        ChangeFreeze.Decision d = ChangeFreeze.decide(hosts(), "apply", newYorkOnly, false);
        assertThat(d.allowed()).extracting(HostSpec::name).containsExactly("ldn-01");
        assertThat(d.refused()).extracting(ChangeFreeze.Refusal::reason).containsExactly(
                "ny-01: apply refused: inside maintenance.blackout[0] mon,tue,wed,thu,fri 07:00-22:30 America/New_York"
                        + " at 2026-11-23 17:00 UTC (trading hours); nothing touched; --force --reason TEXT overrides");
    }

    @Test
    void saturdayAndForceAreFree() throws Exception {
        ZonedDateTime saturday = ZonedDateTime.parse("2026-11-28T14:00:00Z");
        assertThat(ChangeFreeze.decide(hosts(), "rollback", saturday, false).refused()).isEmpty();
        assertThat(ChangeFreeze.decide(hosts(), "rollback", ZonedDateTime.parse("2026-11-23T14:00:00Z"), true)
                .allowed()).hasSize(2);
    }

    @Test
    void scheduleProblemsAreListedOncePerPolicyWithTheirHosts() throws Exception {
        Inventory inv = InventoryLoader.standard().loadFromString("hosts:\n"
                + "  a: {address: a}\n"
                + "  b: {address: b}\n"
                + "  c: {address: c, policy: {maintenance: {trim_schedule: \"Sun 03:00\"}}}\n"
                + "policy:\n"
                + "  tiers: [{name: hot, match: {classes: [nvme]}, trim: true}]\n"
                + "  maintenance:\n"
                + "    blackout: [{days: [mon, tue, wed, thu, fri], from: \"07:00\", to: \"22:30\", timezone: America/New_York}]\n"
                + "    trim_schedule: \"Fri 23:00 America/Chicago\"\n", "inv.yaml");
        List<String> problems = ScheduleCheck.problems(inv.source(), List.copyOf(inv.hosts().values()),
                java.time.Instant.parse("2026-06-01T00:00:00Z"));
        // Friday 23:00 Chicago is Saturday 00:00 New York: outside; Sunday 03:00 local is safe in every zone
        assertThat(problems).isEmpty();
        Inventory bad = InventoryLoader.standard().loadFromString("hosts:\n"
                + "  a: {address: a}\n"
                + "  b: {address: b, policy: {tiers: [{name: hot, trim: false}]}}\n"
                + "policy:\n"
                + "  tiers: [{name: hot, match: {classes: [nvme]}, trim: true}]\n"
                + "  maintenance:\n"
                + "    blackout: [{days: [mon, tue, wed, thu, fri], from: \"07:00\", to: \"22:30\", timezone: America/New_York}]\n"
                + "    trim_schedule: \"Fri 22:00 America/New_York\"\n", "inv.yaml");
        assertThat(ScheduleCheck.problems(bad.source(), List.copyOf(bad.hosts().values()),
                java.time.Instant.parse("2026-06-01T00:00:00Z"))).containsExactly(
                "inv.yaml: a: maintenance.trim_schedule \"Fri 22:00 America/New_York\" elapses inside blackout window "
                        + "blackout[0] mon,tue,wed,thu,fri 07:00-22:30 America/New_York, first on Fri 2026-06-05 22:00 EDT");
        assertThat(Path.of(inv.source()).getFileName().toString()).isEqualTo("inv.yaml");
    }
}
