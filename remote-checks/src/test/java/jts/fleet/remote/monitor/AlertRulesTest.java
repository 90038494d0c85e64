package jts.fleet.remote.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jts.fleet.inventory.Tier;
import jts.fleet.remote.testing.Environment;
import jts.fleet.remote.trim.TrimVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jts.fleet.inventory.testing.Golden;

class AlertRulesTest {
    private static final Golden GOLDEN = Golden.under("monitor/golden");


    @Test
    void matchesGolden() throws IOException {
        GOLDEN.assertMatches("alerts.yaml", AlertRules.render(TestPolicy.TIERS));
    }

    @Test
    void everyRuleHasForSeveritySummaryDescription() {
        for (AlertRules.Group g : AlertRules.groups(TestPolicy.TIERS)) {
            for (AlertRules.Rule r : g.rules()) {
                assertThat(r.forDuration()).as(r.alert()).matches("\\d+[smh]");
                assertThat(r.severity()).as(r.alert()).isIn("warning", "critical");
                assertThat(r.summary()).as(r.alert()).isNotBlank();
                assertThat(r.description()).as(r.alert()).isNotBlank();
            }
        }
    }

    @Test
    void trimAlertsPageAtTheSeverityTheTrimRuleGives() {
        // check and run-check judge through TrimVerdict; the alerts must not tell a different story
        List<String> seen = new ArrayList<>();
        for (AlertRules.Group g : AlertRules.groups(TestPolicy.TIERS)) {
            for (AlertRules.Rule r : g.rules()) {
                TrimVerdict.Kind kind = switch (r.alert()) {
                    case "JtsTrimOverdue" -> TrimVerdict.Kind.OVERDUE;
                    case "JtsTrimFailed" -> TrimVerdict.Kind.FAILED;
                    default -> null;
                };
                if (kind != null) {
                    seen.add(r.alert());
                    assertThat(r.severity()).as(r.alert())
                            .isEqualTo(kind.severity().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        assertThat(seen).contains("JtsTrimOverdue", "JtsTrimFailed");
    }

    @Test
    void noRuleOnUtilisationOrQueueDepth() {
        String text = AlertRules.render(TestPolicy.TIERS);
        assertThat(text).doesNotContain("io_time_seconds").doesNotContain("io_time_weighted")
                .doesNotContain("io_now");
    }

    @Test
    void canaryRulesOnlyForCanaryTiers() {
        assertThat(AlertRules.groups(TestPolicy.TIERS).stream()
                .filter(g -> g.name().equals("jts-storage-canary"))
                .flatMap(g -> g.rules().stream()).map(AlertRules.Rule::tier).distinct())
                .containsExactly("db");
    }

    @Test
    void refusesTierNamesThatWouldBreakPromQl() {
        Tier evil = new Tier("db\"} or vector(1) #", TestPolicy.DB.match(), TestPolicy.DB.queue(), true,
                TestPolicy.DB.thresholds(), true);
        assertThatThrownBy(() -> AlertRules.render(List.of(evil)))
                .hasMessageContaining("cannot be used in alert rules");
    }

    @Test
    void promtoolAcceptsAndEveryRuleIsTestedFiringAndNotFiring(@TempDir Path dir) throws Exception {
        Path promtool = Environment.requireTool("promtool");
        Files.writeString(dir.resolve("rules.yaml"), AlertRules.render(TestPolicy.TIERS));
        String tests;
        try (InputStream in = getClass().getResourceAsStream("/monitor/alerts-test.yaml")) {
            tests = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("alerts-test.yaml"), tests);

        Run check = run(dir, promtool.toString(), "check", "rules", "rules.yaml");
        assertThat(check.exit).as("promtool check rules:\n%s", check.output).isZero();
        Run test = run(dir, promtool.toString(), "test", "rules", "alerts-test.yaml");
        assertThat(test.exit).as("promtool test rules:\n%s", test.output).isZero();

        // coverage: every alert name of every group must be expected to fire somewhere and be checked
        // somewhere with an empty expectation (not firing)
        for (AlertRules.Group g : AlertRules.groups(TestPolicy.TIERS)) {
            for (AlertRules.Rule r : g.rules()) {
                assertThat(firing(tests, r.alert())).as("a test case where %s fires", r.alert()).isTrue();
                assertThat(tests).as("a test case where %s stays silent", r.alert())
                        .containsPattern("alertname: " + r.alert() + "\\s*\\n\\s*exp_alerts: \\[\\]");
            }
        }
    }

    private static boolean firing(String tests, String alert) {
        Matcher m = Pattern.compile("alertname: " + alert + "\\s*\\n\\s*exp_alerts:\\s*\\n\\s*- exp_labels")
                .matcher(tests);
        return m.find();
    }

    record Run(int exit, String output) {
    }

    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Run(p.exitValue(), out);
    }
}
