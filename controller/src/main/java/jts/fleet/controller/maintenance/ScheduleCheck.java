package jts.fleet.controller.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.Maintenance;
import jts.fleet.inventory.Tier;
import jts.fleet.remote.trim.TrimSchedule;

/**
 * Refuses a policy whose TRIM schedule would start inside a blackout window within a year
 * ({@link TrimSchedule#problem}): {@code plan}, {@code trim install} and {@code inventory check} call it before
 * connecting, so a bad schedule is an exit-2 policy error naming the hosts and the first such date instead of a
 * timer that is refused every winter week. Hosts without a trimming tier are not checked: they get no timer.
 */
public final class ScheduleCheck {
    private ScheduleCheck() {
    }

    /** One line per distinct problem: "inventory.yaml: db-01, db-02: maintenance.trim_schedule ...". */
    public static List<String> problems(String source, List<HostSpec> hosts, Instant now) {
        Map<Maintenance, List<String>> hostsBySchedule = new LinkedHashMap<>();
        for (HostSpec host : hosts) {
            if (host.policy().tiers().stream().anyMatch(Tier::trim)) {
                hostsBySchedule.computeIfAbsent(host.policy().maintenance(), k -> new ArrayList<>()).add(host.name());
            }
        }
        List<String> problems = new ArrayList<>();
        hostsBySchedule.forEach((maintenance, names) -> {
            Optional<String> problem = TrimSchedule.problem(maintenance, now);
            problem.ifPresent(p -> problems.add(source + ": " + String.join(", ", names) + ": " + p));
        });
        return problems;
    }

    /** @throws InventoryException (exit 2) listing every problem */
    public static void requireSafe(String source, List<HostSpec> hosts, Instant now) throws InventoryException {
        List<String> problems = problems(source, hosts, now);
        if (!problems.isEmpty()) {
            throw new InventoryException(problems);
        }
    }
}
