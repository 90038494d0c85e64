package jts.fleet.controller.maintenance;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jts.fleet.inventory.HostSpec;
import jts.fleet.inventory.Maintenance;

/**
 * The change freeze: inside a host's {@code maintenance.blackout} window (trading hours) nothing that changes or
 * loads its storage starts there: {@code apply}, {@code rollback} (a scheduler switch freezes the queue and
 * drains in-flight I/O), {@code bench run}, {@code experiment}; {@code trim} is refused by the host-side script
 * with the same windows. Decided from the inventory and the controller's clock, before any connection; hosts
 * refused are not touched. {@code --force} overrides.
 */
public final class ChangeFreeze {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private ChangeFreeze() {
    }

    /** A host left alone, with the sentence that says why. */
    public record Refusal(HostSpec host, String reason) {
    }

    /** The hosts that may go ahead, in selection order, and those refused. */
    public record Decision(List<HostSpec> allowed, List<Refusal> refused) {
        public Decision {
            allowed = List.copyOf(allowed);
            refused = List.copyOf(refused);
        }
    }

    /**
     * Why {@code action} (e.g. "apply") must not start on {@code host} at {@code now}, or empty when no window
     * covers it.
     */
    public static Optional<String> refusal(HostSpec host, String action, ZonedDateTime now) {
        return window(host, now).map(w -> host.name() + ": " + action + " refused: inside " + w + " at "
                + SHOWN.format(now.withZoneSameInstant(ZoneOffset.UTC))
                + " (trading hours); nothing touched; --force --reason TEXT overrides");
    }

    /**
     * The blackout window {@code host} is inside at {@code now}, e.g. {@code maintenance.blackout[0] mon-fri
     * 07:00-22:30 America/New_York}; empty outside every window. Change records keep it for a forced change.
     */
    public static Optional<String> window(HostSpec host, ZonedDateTime now) {
        Maintenance m = host.policy().maintenance();
        OptionalInt window = m.blackoutAt(now);
        if (window.isEmpty()) {
            return Optional.empty();
        }
        int i = window.getAsInt();
        return Optional.of("maintenance.blackout[" + i + "] " + m.blackout().get(i).describe());
    }

    /** Splits {@code hosts} into those {@code action} may start on now and those refused; all allowed with force. */
    public static Decision decide(List<HostSpec> hosts, String action, ZonedDateTime now, boolean force) {
        if (force) {
            return new Decision(hosts, List.of());
        }
        List<HostSpec> allowed = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (HostSpec host : hosts) {
            Optional<String> why = refusal(host, action, now);
            if (why.isPresent()) {
                refused.add(new Refusal(host, why.get()));
            } else {
                allowed.add(host);
            }
        }
        return new Decision(allowed, refused);
    }
}
