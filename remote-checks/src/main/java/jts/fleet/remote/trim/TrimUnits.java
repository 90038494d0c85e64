package jts.fleet.remote.trim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jts.fleet.inventory.BlackoutWindow;
import jts.fleet.inventory.Maintenance;
import jts.fleet.remote.systemd.CalendarSpec;
import jts.fleet.remote.systemd.Unit;

/** Renders {@code jts-fstrim.service} and {@code jts-fstrim.timer} for one host from its maintenance policy. */
public final class TrimUnits {
    public static final String SERVICE_NAME = "jts-fstrim.service";
    public static final String TIMER_NAME = "jts-fstrim.timer";
    /** Longest random start delay; enough to spread a fleet's FITRIM load on shared storage. */
    public static final Duration MAX_RANDOMIZED_DELAY = Duration.ofHours(1);
    /**
     * Gaps are computed over the year of elapses after this instant (both DST changes in it), so the rendered
     * timer does not depend on the day it is rendered; whether the schedule is safe from now on is
     * {@link TrimSchedule#problem}'s question, asked by the commands.
     */
    private static final Instant REFERENCE_START = Instant.parse("2025-01-06T00:00:00Z");

    private TrimUnits() {
    }

    public static List<Unit> render(String host, Maintenance maintenance) {
        return List.of(service(host), timer(host, maintenance));
    }

    public static Unit service(String host) {
        return Unit.rendered(SERVICE_NAME, host, "jts-fleet trim install",
                "TRIM jts-fleet trim tiers outside blackout windows")
                .set("Documentation", "man:fstrim(8)")
                .comment("as util-linux's fstrim.service: containers cannot issue FITRIM")
                .set("ConditionVirtualization", "!container")
                .section("Service")
                .set("Type", "oneshot")
                .set("ExecStart", TrimPaths.SCRIPT)
                .comment("4 = refused (blackout window, another run): a decision already recorded in trim.jsonl")
                .comment("and jts_trim_result, not a failure of the unit")
                .set("SuccessExitStatus", "4")
                .comment("Hardening as util-linux's fstrim.service. PrivateDevices=no: FITRIM needs the devices.")
                .set("PrivateDevices", "no")
                .set("PrivateNetwork", "yes")
                .set("PrivateUsers", "no")
                .set("ProtectKernelTunables", "yes")
                .set("ProtectKernelModules", "yes")
                .set("ProtectControlGroups", "yes")
                .set("MemoryDenyWriteExecute", "yes")
                .set("SystemCallFilter", "@default @file-system @basic-io @system-service")
                .comment("No ProtectSystem= and no ProtectHome=: FITRIM fails on a read-only view of a target")
                .comment("(util-linux dropped ProtectSystem=strict for that), and /boot, /home or /var may be targets.")
                .comment("Idle I/O class and low priority: trading processes win any contention.")
                .set("IOSchedulingClass", "idle")
                .set("Nice", "19")
                .build();
    }

    public static Unit timer(String host, Maintenance maintenance) {
        String schedule = maintenance.trimSchedule();
        Delay delay = randomizedDelay(schedule, maintenance.blackout());
        Unit.Builder b = Unit.rendered(TIMER_NAME, host, "jts-fleet trim install",
                "Weekly jts-fleet TRIM (maintenance.trim_schedule)")
                .set("Documentation", "man:fstrim(8)")
                .section("Timer")
                .set("OnCalendar", schedule);
        for (String line : delay.why()) {
            b.comment(line);
        }
        return b.set("RandomizedDelaySec", String.valueOf(delay.delay().toSeconds()))
                .set("AccuracySec", "1min")
                .comment("Catch up a run missed while the host was down. Safe: jts-fstrim refuses (exit 4)")
                .comment("inside a blackout window, so a boot during trading hours trims nothing.")
                .set("Persistent", "true")
                .section("Install")
                .set("WantedBy", "timers.target")
                .build();
    }

    /** The chosen delay and the comment lines that justify it. */
    public record Delay(Duration delay, List<String> why) {
        public Delay {
            why = List.copyOf(why);
        }
    }

    /**
     * At most half the time from a scheduled elapse to the next blackout window (the shortest such gap over a
     * year, DST included), capped at {@link #MAX_RANDOMIZED_DELAY}, in whole minutes: a delayed start still
     * leaves the other half to trim before the window. 0 when the gap cannot be computed.
     *
     * @throws IllegalArgumentException when the schedule elapses inside a blackout window
     */
    public static Delay randomizedDelay(String schedule, List<BlackoutWindow> blackout) {
        if (blackout.isEmpty()) {
            return new Delay(MAX_RANDOMIZED_DELAY, List.of("No blackout windows: spread starts over the maximum 1h."));
        }
        CalendarSpec spec;
        try {
            spec = CalendarSpec.parse(schedule);
        } catch (IllegalArgumentException e) {
            return new Delay(Duration.ZERO, List.of("No random delay: the schedule is beyond what jts-fleet can relate",
                    "to the blackout windows, so it keeps the start exactly where the policy put it."));
        }
        if (spec.zone().isEmpty()) {
            return new Delay(Duration.ZERO, List.of("No random delay: the schedule names no time zone, so its distance",
                    "to the blackout windows depends on the host's local zone."));
        }
        Optional<Duration> gap = TrimSchedule.shortestGap(spec, blackout, REFERENCE_START, spec.zone().get());
        if (gap.isEmpty()) {
            return new Delay(Duration.ZERO, List.of("No random delay: the schedule never elapses."));
        }
        Duration half = Duration.ofMinutes(gap.get().dividedBy(2).toMinutes());
        Duration delay = half.compareTo(MAX_RANDOMIZED_DELAY) > 0 ? MAX_RANDOMIZED_DELAY : half;
        return new Delay(delay, List.of("The next blackout window begins at least " + human(gap.get())
                        + " after a scheduled start:",
                "a random delay of at most half of that (capped at 1h) leaves the rest for trimming."));
    }

    private static String human(Duration d) {
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        return hours > 0 ? hours + "h" + (minutes > 0 ? " " + minutes + "min" : "") : minutes + "min";
    }
}
