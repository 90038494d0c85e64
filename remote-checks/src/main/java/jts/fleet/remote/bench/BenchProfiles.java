package jts.fleet.remote.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import jts.fleet.inventory.Policy;
import jts.fleet.remote.script.ScriptResources;

/**
 * The registry of fio profiles and suites: the embedded {@code profiles.json}, optionally overridden or
 * extended by a policy's {@code benchProfiles}. Suite {@code all} is every profile in registry order.
 */
public final class BenchProfiles {
    public static final String RESOURCE = "/jts/fleet/remote/bench/profiles.json";
    public static final String ALL = "all";

    private final Map<String, FioProfile> profiles;
    private final Map<String, List<String>> suites;

    private BenchProfiles(Map<String, FioProfile> profiles, Map<String, List<String>> suites) {
        this.profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        this.suites = Collections.unmodifiableMap(new LinkedHashMap<>(suites));
    }

    /** The embedded profiles. */
    public static BenchProfiles embedded() {
        try {
            return parse(jts.fleet.remote.json.JsonMappers.mapper().readTree(ScriptResources.text(RESOURCE)), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    static BenchProfiles parse(JsonNode root, String origin) {
        Map<String, FioProfile> profiles = new LinkedHashMap<>();
        for (JsonNode p : root.path("profiles")) {
            String name = p.path("name").asText(null);
            List<FioJob> jobs = new ArrayList<>();
            for (JsonNode j : p.path("jobs")) {
                Map<String, String> options = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = j.path("options").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    options.put(e.getKey(), e.getValue().asText());
                }
                jobs.add(new FioJob(j.path("name").asText(null), options));
            }
            try {
                profiles.put(name, new FioProfile(name, p.path("description").asText(""), jobs, "embedded"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
            }
        }
        Map<String, List<String>> suites = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("suites").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> members = new ArrayList<>();
            for (JsonNode m : e.getValue()) {
                if (!profiles.containsKey(m.asText())) {
                    throw new IllegalArgumentException(origin + ": suite " + e.getKey() + " names unknown profile " + m.asText());
                }
                members.add(m.asText());
            }
            suites.put(e.getKey(), List.copyOf(members));
        }
        return new BenchProfiles(profiles, suites);
    }

    /**
     * This registry with the policy's profiles on top: a policy entry replaces the embedded profile of the same
     * name or adds a new one, as a single job named after the profile.
     */
    public BenchProfiles withPolicy(Policy policy) {
        if (policy.benchProfiles().isEmpty()) {
            return this;
        }
        Map<String, FioProfile> merged = new LinkedHashMap<>(profiles);
        new java.util.TreeMap<>(policy.benchProfiles()).forEach((name, options) -> {
            try {
                merged.put(name, new FioProfile(name, "policy profile", List.of(new FioJob(name, options)), "policy"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("policy benchProfiles." + name + ": " + e.getMessage(), e);
            }
        });
        return new BenchProfiles(merged, suites);
    }

    public List<FioProfile> all() {
        return List.copyOf(profiles.values());
    }

    public Map<String, List<String>> suites() {
        Map<String, List<String>> withAll = new LinkedHashMap<>(suites);
        withAll.put(ALL, List.copyOf(profiles.keySet()));
        return withAll;
    }

    public FioProfile get(String name) {
        FioProfile p = profiles.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown bench profile " + FioJob.quote(name) + " (profiles: "
                    + String.join(", ", profiles.keySet()) + "; suites: " + String.join(", ", suites().keySet()) + ")");
        }
        return p;
    }

    /** Resolves profile and suite names (as typed after {@code --profile a,b}) to profiles, duplicates removed. */
    public List<FioProfile> resolve(List<String> namesOrSuites) {
        Set<String> names = new LinkedHashSet<>();
        for (String n : namesOrSuites) {
            List<String> suite = suites().get(n);
            if (suite != null) {
                names.addAll(suite);
            } else {
                names.add(get(n).name());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no bench profile selected");
        }
        return names.stream().map(this::get).toList();
    }
}
