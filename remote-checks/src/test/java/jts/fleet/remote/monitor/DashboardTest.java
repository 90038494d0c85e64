package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jts.fleet.remote.testing.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jts.fleet.inventory.testing.Golden;

class DashboardTest {
    private static final Golden GOLDEN = Golden.under("monitor/golden");


    @Test
    void matchesGolden() throws Exception {
        GOLDEN.assertMatches("dashboard.json", Dashboard.render(TestPolicy.TIERS));
    }

    @Test
    void isValidGrafanaModel() throws Exception {
        JsonNode root = new ObjectMapper().readTree(Dashboard.render(TestPolicy.TIERS));
        assertThat(root.get("uid").asText()).isEqualTo("jts-fleet-storage");
        assertThat(root.get("schemaVersion").asInt()).isPositive();
        Set<Integer> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (JsonNode p : root.get("panels")) {
            assertThat(ids.add(p.get("id").asInt())).as("unique id %s", p.get("id")).isTrue();
            titles.add(p.get("title").asText());
            JsonNode g = p.get("gridPos");
            assertThat(g.get("x").asInt() + g.get("w").asInt()).as(p.get("title").asText()).isLessThanOrEqualTo(24);
            if (!p.get("type").asText().equals("row")) {
                assertThat(p.get("targets")).isNotEmpty();
                for (JsonNode t : p.get("targets")) {
                    assertThat(t.get("expr").asText()).isNotBlank();
                    // balanced brackets: a cheap guard against a broken PromQL string
                    String e = t.get("expr").asText();
                    assertThat(e.chars().filter(c -> c == '(').count()).as(e)
                            .isEqualTo(e.chars().filter(c -> c == ')').count());
                    assertThat(e.chars().filter(c -> c == '{').count()).as(e)
                            .isEqualTo(e.chars().filter(c -> c == '}').count());
                }
            }
        }
        assertThat(titles).contains("Tier db", "Tier bulk", "db: read await", "db: canary read p99", "bulk: IOPS",
                "Drifted queue attributes", "Days since last successful TRIM", "Endurance used");
        assertThat(titles).doesNotContain("bulk: canary read p99"); // bulk has no canary
        // the db read-await panel carries db's SLO lines (2 ms warn, 5 ms crit)
        JsonNode dbRead = null;
        for (JsonNode p : root.get("panels")) {
            if (p.get("title").asText().equals("db: read await")) {
                dbRead = p;
            }
        }
        JsonNode steps = dbRead.at("/fieldConfig/defaults/thresholds/steps");
        assertThat(steps.get(1).get("value").asDouble()).isEqualTo(2);
        assertThat(steps.get(2).get("value").asDouble()).isEqualTo(5);
    }

    /** Every panel query parses as PromQL: promtool checks them as recording rules ($instance is a plain string). */
    @Test
    void everyQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        Path promtool = Environment.requireTool("promtool");
        JsonNode root = new ObjectMapper().readTree(Dashboard.render(TestPolicy.TIERS));
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (JsonNode p : root.get("panels")) {
            for (JsonNode t : p.path("targets")) {
                rules.append("      - record: jts:dashboard:q").append(n++).append("\n        expr: ")
                        .append(AlertRules.quote(t.get("expr").asText())).append('\n');
            }
        }
        assertThat(n).isGreaterThan(15);
        Files.writeString(dir.resolve("dashboard-rules.yaml"), rules.toString());
        AlertRulesTest.Run run = AlertRulesTest.run(dir, promtool.toString(), "check", "rules",
                "dashboard-rules.yaml");
        assertThat(run.exit()).as(run.output()).isZero();
    }
}
