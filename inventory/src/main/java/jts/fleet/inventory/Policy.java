package jts.fleet.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective tier policy for one host (after group and host overrides). Tiers are evaluated in order,
 * first match wins. {@code benchProfiles} holds policy overrides/additions of fio profiles: profile name to
 * fio option map (validated against an allowlist by the loader).
 */
public record Policy(List<Tier> tiers, Maintenance maintenance, Map<String, Map<String, String>> benchProfiles) {
    public Policy {
        tiers = List.copyOf(tiers);
        benchProfiles = Map.copyOf(benchProfiles);
    }

    public Optional<Tier> tier(String name) {
        return tiers.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
