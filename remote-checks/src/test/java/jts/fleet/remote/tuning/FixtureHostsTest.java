package jts.fleet.remote.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import jts.fleet.inventory.source.InventoryException;
import jts.fleet.inventory.InventoryLoader;
import jts.fleet.inventory.Policy;
import jts.fleet.remote.model.HostSnapshot;
import jts.fleet.remote.model.TierAssigner;
import jts.fleet.inventory.testing.Golden;

/**
 * Plans and rules for every recorded host of the foundation fixtures (remote-checks/src/test/resources/
 * fixtures/NAME/gather.out) and the tuning edge hosts, under the embedded JTS policy. Golden files:
 * tuning/golden/plan/NAME.txt and tuning/golden/rules/NAME.rules.
 */
class FixtureHostsTest {
    private static final Golden GOLDEN = Golden.under("tuning/golden");

    static Stream<String> hosts() throws IOException {
        Stream<String> shared;
        try (var dirs = Files.list(Path.of("src/test/resources/fixtures"))) {
            shared = dirs.filter(d -> Files.exists(d.resolve("gather.out")))
                    .map(d -> "fixtures/" + d.getFileName() + "/gather.out").sorted().toList().stream();
        }
        Stream<String> edge;
        try (var files = Files.list(Path.of("src/test/resources/tuning/hosts"))) {
            edge = files.map(f -> "tuning/hosts/" + f.getFileName()).sorted().toList().stream();
        }
        return Stream.concat(shared, edge);
    }

    private static String name(String resource) {
        return resource.startsWith("fixtures/") ? resource.split("/")[1]
                : Path.of(resource).getFileName().toString().replaceFirst("\\.gather$", "");
    }

    private static Policy jtsPolicy() {
        try {
            return InventoryLoader.standard().defaultPolicy();
        } catch (InventoryException e) {
            throw new AssertionError("embedded policy does not load: " + e.getMessage(), e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    void planAndRulesUnderTheJtsPolicy(String resource) throws IOException {
        HostSnapshot snapshot = TuningFixtures.snapshot(resource);
        Policy policy = jtsPolicy();

        HostPlan plan = TuningPlanner.plan(TierAssigner.assign(snapshot, policy), policy);
        String rules = UdevRules.render(plan, policy, snapshot);

        GOLDEN.assertMatches("plan/jts-" + name(resource) + ".txt", PlanText.render(plan));
        GOLDEN.assertMatches("rules/jts-" + name(resource) + ".rules", rules);
        assertThat(rules).startsWith(UdevRules.HEADER + "\n").doesNotContain("RUN+=");
        assertThat(rules.lines().filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("LABEL=")))
                .allSatisfy(l -> assertThat(l).matches(
                        "ACTION!=\"remove\", SUBSYSTEM==\"(block\", ENV\\{DEVTYPE\\}==\"disk|bdi)\", .*")
                        .as("no dependence on an attribute old kernels lack").doesNotContain("ATTR{hidden}"));
        if (!plan.valid()) {
            return; // apply refuses it (golden shows why); nothing is sent
        }
        // hidden multipath paths never appear in anything sent to the host
        String input = new String(plan.applyInput(rules), java.nio.charset.StandardCharsets.UTF_8);
        plan.devices().stream().filter(DevicePlan::hidden)
                .forEach(d -> assertThat(input).doesNotContain(" " + d.device() + " "));
        // re-planning the applied result changes nothing
        HostPlan again = TuningPlanner.plan(TierAssigner.assign(PlanSimulation.applied(snapshot, plan), policy), policy);
        assertThat(again.count(TuningAction.SET)).as("settings still to set after applying the plan").isZero();
    }
}
