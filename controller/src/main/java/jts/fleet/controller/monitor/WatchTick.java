package jts.fleet.controller.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jts.fleet.remote.monitor.LatencyBreach;
import jts.fleet.remote.stats.DeviceRates;

/** One interval of {@code watch} across the fleet. */
public record WatchTick(Instant time, List<HostTick> hosts) {
    public WatchTick {
        hosts = List.copyOf(hosts);
    }

    /** One host in one interval: rows worst first, or an error (unreachable, timed out, garbage). */
    public record HostTick(String host, Optional<String> error, List<Row> rows, List<String> notes) {
        public HostTick {
            rows = List.copyOf(rows);
            notes = List.copyOf(notes);
        }
    }

    /** One device row; {@code tier} empty when the device has none. */
    public record Row(String host, String device, String tier, DeviceRates rates, List<LatencyBreach> breaches) {
        public Row {
            breaches = List.copyOf(breaches);
        }

        public Optional<LatencyBreach.Level> worst() {
            return breaches.stream().map(LatencyBreach::level).max(Enum::compareTo);
        }
    }
}
