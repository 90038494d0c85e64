package jts.fleet.controller.bench;

import java.util.List;

import jts.fleet.remote.bench.BenchOutput;
import jts.fleet.remote.bench.ProfileSummary;
import jts.fleet.remote.bench.TargetDevices;

/** One bench.sh run on one host and target: what the script printed, the devices, and the summaries. */
public record HostMeasurement(String host, TargetDevices devices, BenchOutput output, List<ProfileSummary> summaries) {
    public HostMeasurement {
        summaries = List.copyOf(summaries);
    }
}
