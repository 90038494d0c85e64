package jts.fleet.controller.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.remote.model.GatherScript;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The completer called directly with lines parsed as jline parses them at the cursor (end of line). */
class ShellCompleterTest {
    private static final String INVENTORY = """
            defaults:
              become: none
            hosts:
              db-01:
                connection: local
                groups: [db, prod]
              db-02:
                connection: local
                groups: [db, prod]
              web-01:
                connection: local
                groups: [web, prod]
            """;

    @TempDir
    Path temp;

    private ShellHarness harness;
    private ShellCompleter completer;

    @BeforeEach
    void setUp() throws Exception {
        Path inventory = ShellHarness.writeInventory(temp, INVENTORY);
        harness = new ShellHarness(inventory, "", Optional.empty());
        completer = new ShellCompleter(harness.shell::tree, harness.session);
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** Values of the candidates for {@code line} with the cursor at its end. */
    private List<String> complete(String line) {
        ParsedLine parsed = new DefaultParser().parse(line, line.length());
        String prefix = parsed.word().substring(0, parsed.wordCursor());
        return completer.candidates(parsed.words(), parsed.wordIndex(), prefix).stream()
                .map(Candidate::value).toList();
    }

    @Test
    void firstWordCompletesCommandsOfTheSharedTreeAndTheShell() {
        List<String> all = complete("");
        assertThat(all).contains("status", "inventory", "snapshot", "use", "hosts", "diskstats", "top", "run-check",
                "journal", "exit", "help").doesNotContain("shell");
        assertThat(complete("sta")).containsExactly("status");
        assertThat(complete("inventory ")).contains("list", "check");
    }

    @Test
    void optionNamesComeFromTheCommandModel() {
        assertThat(complete("status --h")).contains("--hosts", "--help");
        assertThat(complete("status -")).contains("-H", "-o", "--output", "--inventory", "--list-hosts");
    }

    @Test
    void hostsGroupsAndPatternsCompleteAfterASpace() {
        assertThat(complete("status --hosts d")).containsExactlyInAnyOrder("db", "db-01", "db-02");
        assertThat(complete("status -H w")).containsExactlyInAnyOrder("web", "web-01");
        assertThat(complete("status --hosts=we")).containsExactlyInAnyOrder("--hosts=web", "--hosts=web-01");
        assertThat(complete("status --limit pr")).containsExactly("prod");
        assertThat(complete("use a")).containsExactly("all");
    }

    @Test
    void theLastTermOfAPatternCompletesKeepingTheHead() {
        assertThat(complete("use prod,!db-0")).containsExactlyInAnyOrder("prod,!db-01", "prod,!db-02");
        assertThat(complete("status -H db:&p")).containsExactly("db:&prod");
    }

    @Test
    void inventoryEditsAreSeenOnTheNextTab() throws Exception {
        assertThat(complete("use new")).isEmpty();
        Path file = temp.resolve("inventory.yaml");
        Files.writeString(file, INVENTORY + "  new-01:\n    connection: local\n");
        // make sure the modification time differs even on coarse file systems
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        assertThat(complete("use new")).containsExactly("new-01");
    }

    @Test
    void devicesOfTheCurrentSelectionComeFromCachedGathers() throws Exception {
        assertThat(complete("diskstats ")).isEmpty();
        harness.session.recordGather(harness.session.inventory().host("db-01").orElseThrow(),
                recordedGather("nvme-db-host"));
        harness.session.use("db-01");
        assertThat(complete("diskstats nvme0n1")).containsExactlyInAnyOrder("nvme0n1", "nvme0n1p1", "nvme0n1p2",
                "nvme0n1p3");
        assertThat(complete("diskstats dm-")).containsExactlyInAnyOrder("dm-0", "dm-1");
        harness.session.use("web-01");
        assertThat(complete("diskstats nv")).as("web-01 was never gathered").isEmpty();
        assertThat(complete("diskstats -H db-01 nvme1")).as("--hosts in the line wins").containsExactly("nvme1n1");
    }

    @Test
    void tiersChecksUnitsAndEnumValuesComplete() {
        assertThat(complete("run-check s")).containsExactly("scheduler");
        assertThat(complete("run-check ")).containsExactly("scheduler", "read-ahead", "discard", "tuned",
                "udev-rules", "trim-log");
        assertThat(complete("journal jts-fs")).containsExactly("jts-fstrim.service", "jts-fstrim.timer");
        assertThat(complete("status -o ")).containsExactly("text", "json");
    }

    /** A command as the tuning or bench engineers may add: options named --tier and --profile. */
    @Command(name = "probe-cmd")
    static final class TierAndProfileCommand implements Runnable {
        @Option(names = "--tier", paramLabel = "TIER")
        String tier;

        @Option(names = "--profile", paramLabel = "PROFILE", split = ",")
        List<String> profiles;

        @Override
        public void run() {
        }
    }

    @Test
    void tiersAndBenchProfilesCompleteForCommandsAddedLater() {
        CommandLine tree = harness.shell.tree();
        tree.addSubcommand("probe-cmd", new TierAndProfileCommand());
        assertThat(complete("probe-cmd --tier ")).containsExactly("hot", "warm", "cold");
        List<String> profiles = complete("probe-cmd --profile ");
        assertThat(profiles).isNotEmpty().contains("all");
        String first = profiles.get(0);
        assertThat(complete("probe-cmd --profile " + first + ",al")).contains(first + ",all");
    }

    private static String recordedGather(String fixture) throws Exception {
        try (InputStream in = GatherScript.class.getResourceAsStream("/fixtures/" + fixture + "/gather.out")) {
            assertThat(in).as("fixture %s on the test classpath (remote-checks test-jar)", fixture).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
