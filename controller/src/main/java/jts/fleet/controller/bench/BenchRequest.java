package jts.fleet.controller.bench;

import java.util.List;
import java.util.Optional;

import jts.fleet.remote.bench.BenchParameters;
import jts.fleet.remote.bench.BenchTarget;

/**
 * What {@code jts-fleet bench run} asks for: profile or suite names, where ({@code target} directory, every
 * mount of {@code tier} through a {@link TargetResolver}, or a raw {@code device} with {@code destructive}),
 * how long and how much, a free-text label, {@code force} to run inside a blackout window, and {@code
 * allowNetwork} to include a tier's NFS/CIFS mounts (with the size per job capped at {@link #NETWORK_SIZE_CAP}).
 */
public record BenchRequest(List<String> profiles, Optional<String> target, Optional<String> tier,
                           BenchParameters parameters, String label, boolean force, Optional<String> device,
                           boolean destructive, boolean allowNetwork) {
    /**
     * Data per job on a network filesystem: a NAS is shared with every other host and its link with their
     * traffic, so a benchmark there writes at most this much (the spec's cold tier: "network-optimized bulk
     * transfer", measured, not stress-tested).
     */
    public static final long NETWORK_SIZE_CAP = 256L << 20;

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
        if (allowNetwork && parameters.sizeBytes() > NETWORK_SIZE_CAP) {
            parameters = new BenchParameters(parameters.runtimeSeconds(), NETWORK_SIZE_CAP);
        }
    }

    /** A request that never touches network filesystems. */
    public BenchRequest(List<String> profiles, Optional<String> target, Optional<String> tier,
                        BenchParameters parameters, String label, boolean force, Optional<String> device,
                        boolean destructive) {
        this(profiles, target, tier, parameters, label, force, device, destructive, false);
    }

    /** A directory or tier request. */
    public BenchRequest(List<String> profiles, Optional<String> target, Optional<String> tier, BenchParameters parameters,
                        String label, boolean force) {
        this(profiles, target, tier, parameters, label, force, Optional.empty(), false);
    }
}
