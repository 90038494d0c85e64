package jts.fleet.controller.bench;

import java.util.List;
import java.util.Optional;

import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchTarget;

/**
 * What {@code jts-fleet bench run} asks for: profile or suite names, where ({@code target} directory, every
 * mount of {@code tier} through a {@link TargetResolver}, or a raw {@code device} with {@code destructive}),
 * how long and how much, a free-text label, and {@code force} to run inside a blackout window.
 */
public record BenchRequest(List<String> profiles, Optional<String> target, Optional<String> tier,
                           BenchParameters parameters, String label, boolean force, Optional<String> device,
                           boolean destructive) {
    public BenchRequest {
        profiles = List.copyOf(profiles);
        target.ifPresent(BenchTarget::checkPath);
        device.ifPresent(BenchTarget::checkDevicePath);
        int places = (target.isPresent() ? 1 : 0) + (tier.isPresent() ? 1 : 0) + (device.isPresent() ? 1 : 0);
        if (places != 1) {
            throw new IllegalArgumentException("give exactly one of --target DIR, --tier NAME or --device /dev/X");
        }
        if (device.isPresent() && !destructive) {
            throw new IllegalArgumentException("--device " + device.get()
                    + " overwrites the device and destroys its data: add --destructive to confirm");
        }
        label = label == null ? "" : label;
    }

    /** A directory or tier request. */
    public BenchRequest(List<String> profiles, Optional<String> target, Optional<String> tier, BenchParameters parameters,
                        String label, boolean force) {
        this(profiles, target, tier, parameters, label, force, Optional.empty(), false);
    }
}
