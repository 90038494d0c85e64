package jts.fleet.controller.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The system clock in this machine's time zone, {@link Clock#systemDefaultZone()} as a one-shot run needs it: the
 * zone is looked up when something first asks for it, not when the clock is made, and the time-zone database is
 * read on a background thread from the start.
 *
 * <p>Why: java.time reads its zone database (tzdb.dat, found through a service lookup over every module) the
 * first time a zone is resolved, ~12 ms of a cold JVM; {@code systemDefaultZone()} paid that, plus the JDK's
 * second reading of the system zone for {@link java.util.TimeZone}, on the main thread before the command line was
 * even parsed. A local {@code status} never asks for its own zone (instants only); the policy's blackout windows
 * name theirs ({@code America/New_York}) and need the database, which by then {@link #readZonesInBackground} has
 * read while the command model was built on the other core. Times shown are unchanged: the zone, once asked
 * for, is the system default as before.
 */
public final class LocalClock extends Clock {
    private volatile ZoneId zone;

    /**
     * Reads the time-zone database on a daemon thread (a no-op for the JVM when something already did). The thread
     * runs a named class, not a method reference: the first lambda of a run sets up {@code java.lang.invoke} (~4 ms),
     * and the zones, which the inventory's blackout windows wait for, are the longest part of a local run's start.
     */
    public static void readZonesInBackground() {
        Thread reader = new Thread(new ZoneReader(), "jts-fleet-zones");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@link #readZones} as the zone reader thread's body. */
    private static final class ZoneReader implements Runnable {
        @Override
        public void run() {
            readZones();
        }
    }

    /**
     * Loads java.time's zone rules provider, as the first {@link ZoneId#of} of a region id would on its thread, and the
     * rules of {@link #POLICY_ZONE}: the first region's rules also load the classes that read them (~2 ms on a cold
     * JVM; another region after it ~0.4 ms), which the inventory's blackout windows need.
     */
    static void readZones() {
        ZoneId.getAvailableZoneIds();
        ZoneId.of(POLICY_ZONE);
    }

    /** The zone of the embedded policy's blackout windows and of the default TRIM schedule (New York's markets). */
    static final String POLICY_ZONE = "America/New_York";

    @Override
    public ZoneId getZone() {
        ZoneId resolved = zone;
        if (resolved == null) {
            resolved = ZoneId.systemDefault();
            zone = resolved;
        }
        return resolved;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.system(Objects.requireNonNull(other, "zone"));
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public String toString() {
        return "LocalClock[" + getZone() + "]";
    }
}
