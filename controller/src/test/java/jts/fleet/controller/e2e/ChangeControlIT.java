package jts.fleet.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.shell.Tmux;
import jts.fleet.remote.model.SysrootTree;
import jts.fleet.remote.testing.Environment;

/**
 * Change control through the built launcher against fixture hosts (local transport, sysroots built from recorded
 * trees): the change record of apply and rollback with the before/after values the host shows, an apply killed
 * midway (SIGKILL) left unfinished, a refusal by the change freeze recorded with nothing touched, the question
 * before changing the whole inventory (on a real terminal, tmux) and {@code --yes} elsewhere, damaged lines of a
 * change file named and skipped.
 */
class ChangeControlIT {
    private static final String ALWAYS = "  maintenance:\n    blackout:\n"
            + "      - {days: [mon, tue, wed, thu, fri, sat, sun], from: \"00:00\", to: \"23:59\", timezone: UTC}\n"
            + "      - {days: [mon, tue, wed, thu, fri, sat, sun], from: \"23:59\", to: \"00:00\", timezone: UTC}\n";

    @TempDir
    Path dir;
    Path inventory;
    Launcher jts;

    @BeforeEach
    void fleet() throws Exception {
        Launcher.requireBuilt();
        for (String[] host : new String[][] {{"kafka-03", "nvme-multipath"}, {"kafka-04", "nvme-multipath"}}) {
            Path description = dir.resolve(host[1] + ".tree");
            if (!Files.exists(description)) {
                try (InputStream in = ChangeControlIT.class.getResourceAsStream("/fixtures/" + host[1] + "/sysroot.tree")) {
                    Files.copy(in, description);
                }
            }
            SysrootTree.build(description, dir.resolve("hosts").resolve(host[0]));
        }
        inventory = inventory("fleet.yaml", "");
        jts = new Launcher(dir).env("NO_COLOR", "1");
    }

    private Path inventory(String name, String policy) throws IOException {
        return inventory(name, "", policy);
    }

    private Path inventory(String name, String defaults, String policy) throws IOException {
        return Files.writeString(dir.resolve(name), defaults + "hosts:\n"
                + "  kafka-03: {connection: local, sysroot: " + dir.resolve("hosts/kafka-03") + ", groups: [prod, kafka]}\n"
                + "  kafka-04: {connection: local, sysroot: " + dir.resolve("hosts/kafka-04") + ", groups: [prod]}\n"
                + (policy.isEmpty() ? "" : "policy:\n  tiers:\n"
                        + "    - {name: hot, match: {classes: [nvme, ssd, hdd]}, queue: {scheduler: none}}\n" + policy));
    }

    private Launcher.Result run(String... args) throws Exception {
        return jts.run(args);
    }

    /** Every queue attribute of a fixture host, "device/attribute" to the value the kernel would show. */
    private Map<String, String> queues(String host) throws IOException {
        Map<String, String> values = new TreeMap<>();
        Path block = dir.resolve("hosts").resolve(host).resolve("sys/block");
        try (Stream<Path> devices = Files.list(block)) {
            for (Path device : devices.toList()) {
                Path queue = device.resolve("queue");
                if (!Files.isDirectory(queue)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(queue)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        String raw = Files.readString(f).strip();
                        String value = raw.contains("[") ? raw.substring(raw.indexOf('[') + 1, raw.indexOf(']')) : raw;
                        values.put(device.getFileName() + "/" + f.getFileName(), value);
                    }
                }
            }
        }
        assertThat(values).as("queue attributes of %s", host).isNotEmpty();
        return values;
    }

    private JsonNode history(String... more) throws Exception {
        return history(inventory, more);
    }

    private JsonNode history(Path inv, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("history", "--inventory", inv.toString(), "-o", "json"));
        args.addAll(List.of(more));
        Launcher.Result r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        return JsonSchemas.validate("history", r.out());
    }

    private Path controllerFile() {
        return dir.resolve("home/.local/state/jts-fleet/changes.jsonl");
    }

    @Test
    void applyAndRollbackAreRecordedWithTheValuesTheHostShows() throws Exception {
        Map<String, String> original = queues("kafka-03");

        Launcher.Result apply = run("apply", "--inventory", inventory.toString(), "-H", "kafka-03", "--reason",
                "CHG-1001 tune kafka");
        assertThat(apply.exit()).as(apply.toString()).isZero();
        Map<String, String> applied = queues("kafka-03");
        assertThat(applied).isNotEqualTo(original);

        JsonNode entry = history().path("changes").get(0);
        assertThat(entry.path("command").asText()).isEqualTo("apply");
        assertThat(entry.path("host").asText()).isEqualTo("kafka-03");
        assertThat(entry.path("status").asText()).isEqualTo("changed");
        assertThat(entry.path("reason").asText()).isEqualTo("CHG-1001 tune kafka");
        assertThat(entry.path("command_line").asText()).isEqualTo("jts-fleet apply --inventory " + inventory
                + " -H kafka-03 --reason 'CHG-1001 tune kafka'");
        assertThat(entry.path("operator").path("local_user").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(entry.path("operator").path("ssh_user").isNull()).as("a local connection").isTrue();
        assertThat(entry.path("policy_hash").asText()).startsWith("sha256:");
        assertThat(entry.path("sources").toString()).isEqualTo("[\"controller\"]");
        int changed = 0;
        for (JsonNode item : entry.path("changes")) {
            String key = item.path("target").asText() + "/" + item.path("attribute").asText();
            if (!applied.containsKey(key)) {
                continue; // the rules file
            }
            assertThat(item.path("after").asText()).as("after of %s is what the host shows now", key)
                    .isEqualTo(applied.get(key));
            assertThat(item.path("before").asText()).as("before of %s is what the host showed", key)
                    .isEqualTo(original.get(key));
            if (item.path("result").asText().equals("changed")) {
                changed++;
            }
        }
        assertThat(changed).as(entry.toPrettyString()).isPositive();

        Launcher.Result rollback = run("rollback", "--inventory", inventory.toString(), "-H", "kafka-03", "--reason",
                "CHG-1001 back out");
        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(queues("kafka-03")).isEqualTo(original);

        JsonNode both = history("-H", "kafka-03");
        assertThat(both.path("changes")).extracting(e -> e.path("command").asText()).containsExactly("rollback", "apply");
        JsonNode undone = both.path("changes").get(0);
        int rolledBack = 0;
        for (JsonNode item : undone.path("changes")) {
            String key = item.path("target").asText() + "/" + item.path("attribute").asText();
            if (item.path("result").asText().equals("rolled-back")) {
                rolledBack++;
                assertThat(item.path("before").asText()).as(key).isEqualTo(applied.get(key));
                assertThat(item.path("after").asText()).as(key).isEqualTo(original.get(key));
            }
        }
        assertThat(rolledBack).as(undone.toPrettyString()).isPositive();

        Launcher.Result text = run("history", "--inventory", inventory.toString());
        assertThat(text.exit()).isZero();
        assertThat(text.out()).containsPattern("(?m)^TIME \\(UTC\\) +HOST +COMMAND +RESULT +OPERATOR +REASON +RUN$")
                .containsPattern("kafka-03 +rollback +changed +.*CHG-1001 back out")
                .containsPattern("kafka-03 +apply +changed +.*CHG-1001 tune kafka")
                .contains("rolled-back");
        for (String line : Files.readAllLines(controllerFile())) {
            JsonSchemas.validate("change-record", line);
        }

        // the host's own records, written by tune-apply.sh and tune-rollback.sh: the same runs, the same values
        Path hostFile = dir.resolve("hosts/kafka-03/var/lib/jts-fleet/changes.jsonl");
        for (String line : Files.readAllLines(hostFile)) {
            JsonSchemas.validate("change-record", line);
        }
        JsonNode fromHosts = history("-H", "kafka-03", "--from-hosts");
        assertThat(fromHosts.path("changes")).extracting(e -> e.path("command").asText())
                .containsExactly("rollback", "apply");
        for (int i = 0; i < 2; i++) {
            JsonNode onHost = fromHosts.path("changes").get(i);
            JsonNode onController = both.path("changes").get(i);
            assertThat(onHost.path("run_id").asText()).isEqualTo(onController.path("run_id").asText());
            assertThat(onHost.path("sources").toString()).isEqualTo("[\"host\"]");
            assertThat(onHost.path("status").asText()).isEqualTo("changed");
            assertThat(onHost.path("reason").asText()).isEqualTo(onController.path("reason").asText());
            assertThat(queueItems(onHost, applied)).as("what the host recorded")
                    .isEqualTo(queueItems(onController, applied)).isNotEmpty();
        }
    }

    /** The queue attributes of a history entry: "device/attribute" to "before -> after (result)". */
    private static Map<String, String> queueItems(JsonNode entry, Map<String, String> attributes) {
        Map<String, String> items = new TreeMap<>();
        for (JsonNode item : entry.path("changes")) {
            String key = item.path("target").asText() + "/" + item.path("attribute").asText();
            if (attributes.containsKey(key)) {
                items.put(key, item.path("before").asText() + " -> " + item.path("after").asText() + " ("
                        + item.path("result").asText() + ")");
            }
        }
        return items;
    }

    @Test
    void anApplyKilledMidwayIsUnfinished() throws Exception {
        // udevd "runs" on the fixture host: a control socket in its tree, a udevadm that waits while reloading
        Path host = dir.resolve("hosts/kafka-03");
        Files.createDirectories(host.resolve("run/udev"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(host.resolve("run/udev/control")));
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path reloading = dir.resolve("reloading");
        Path release = dir.resolve("release");
        Path udevadm = Files.writeString(bin.resolve("udevadm"), "#!/bin/sh\n"
                + "case \"$*\" in\n"
                + "  'control --reload-rules') : > " + reloading + "\n"
                + "    while [ ! -e " + release + " ]; do sleep 0.1; done ;;\n"
                + "esac\nexit 0\n");
        Files.setPosixFilePermissions(udevadm, PosixFilePermissions.fromString("rwxr-xr-x"));
        Launcher killed = new Launcher(dir).env("NO_COLOR", "1").env("PATH", bin + ":" + System.getenv("PATH"));

        Launcher.Running apply = killed.spawn("apply", "--inventory", inventory.toString(), "-H", "kafka-03",
                "--reason", "CHG-1002");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(reloading)) {
                assertThat(System.nanoTime()).as("apply reached the udev reload: %s", apply.stderr()).isLessThan(deadline);
                assertThat(apply.process().isAlive()).as("apply still running: %s", apply.stderr()).isTrue();
                Thread.sleep(50);
            }
            apply.process().destroyForcibly(); // SIGKILL: no shutdown hook, no outcome line
            assertThat(apply.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(apply.process().exitValue()).isEqualTo(137);

            JsonNode entry = history().path("changes").get(0);
            assertThat(entry.path("status").asText()).isEqualTo("unfinished");
            assertThat(entry.path("finished").isNull()).isTrue();
            assertThat(entry.path("reason").asText()).isEqualTo("CHG-1002");
            Launcher.Result text = run("history", "--inventory", inventory.toString());
            assertThat(text.out()).containsPattern("kafka-03 +apply +unfinished +.*CHG-1002");
        } finally {
            Files.writeString(release, "");
            // tune-apply.sh outlived the killed controller until its next line of output (SIGPIPE): wait for it to
            // be gone, so nothing writes into the temporary directory while it is removed
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (scriptsRunningIn(host) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        // the host's own record says the same: the change was started there and never finished (rollback restores
        // the values state.json keeps; verify shows where the host stands)
        JsonNode onHost = history("-H", "kafka-03", "--from-hosts").path("changes").get(0);
        assertThat(onHost.path("reason").asText()).isEqualTo("CHG-1002");
        assertThat(onHost.path("sources").toString()).isEqualTo("[\"host\"]");
        assertThat(onHost.path("status").asText()).as(onHost.toPrettyString()).isEqualTo("unfinished");
        assertThat(onHost.path("changes")).as("the intent's planned changes are shown").isNotEmpty();
    }

    /** True while a process of this machine runs with {@code sysroot} on its command line (a fixture host's script). */
    private static boolean scriptsRunningIn(Path sysroot) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                .map(c -> c.contains(sysroot.toString())).orElse(false));
    }

    @Test
    void aRefusalOfTheChangeFreezeIsRecordedAndTouchesNothing() throws Exception {
        Path frozen = inventory("frozen.yaml", ALWAYS);
        Map<String, String> before = queues("kafka-03");

        Launcher.Result refused = run("apply", "--inventory", frozen.toString(), "-H", "kafka-03");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err()).contains("kafka-03: apply refused: inside maintenance.blackout[0]");
        assertThat(queues("kafka-03")).isEqualTo(before);
        assertThat(dir.resolve("hosts/kafka-03/etc/udev/rules.d/60-jts-fleet.rules")).doesNotExist();
        JsonNode entry = history(frozen).path("changes").get(0);
        assertThat(entry.path("status").asText()).isEqualTo("refused");
        assertThat(entry.path("message").asText()).contains("kafka-03: apply refused: inside maintenance.blackout[0]");
        assertThat(entry.path("changes")).isEmpty();

        Launcher.Result noReason = run("apply", "--inventory", frozen.toString(), "-H", "kafka-03", "--force");
        assertThat(noReason.exit()).as(noReason.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(noReason.err()).contains("--force overrides the change freeze only with --reason TEXT");
        assertThat(queues("kafka-03")).isEqualTo(before);

        Launcher.Result forced = run("apply", "--inventory", frozen.toString(), "-H", "kafka-03", "--force",
                "--reason", "INC-7 emergency");
        assertThat(forced.exit()).as(forced.toString()).isZero();
        JsonNode forcedEntry = history(frozen, "--reason", "inc-7").path("changes").get(0);
        assertThat(forcedEntry.path("forced").asBoolean()).isTrue();
        assertThat(forcedEntry.path("blackout").asText()).startsWith("maintenance.blackout[");
        assertThat(forcedEntry.path("status").asText()).isEqualTo("changed");
    }

    @Test
    void theWholeInventoryNeedsYesOffATerminal() throws Exception {
        Map<String, String> before = queues("kafka-03");

        Launcher.Result asked = run("apply", "--inventory", inventory.toString());
        assertThat(asked.exit()).as(asked.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(asked.err()).isEqualTo("jts-fleet: apply to 2 hosts (prod, kafka): confirm with --yes (there is no"
                + " terminal to ask on)\n");
        assertThat(queues("kafka-03")).isEqualTo(before);
        assertThat(controllerFile()).doesNotExist();

        Launcher.Result dry = run("apply", "--inventory", inventory.toString(), "--dry-run");
        assertThat(dry.exit()).as("a dry run never asks: %s", dry).isZero();
        assertThat(controllerFile()).as("and records nothing").doesNotExist();

        Launcher.Result yes = run("apply", "--inventory", inventory.toString(), "--yes", "-o", "json");
        assertThat(yes.exit()).as(yes.toString()).isZero();
        assertThat(history().path("changes")).hasSize(2);
    }

    @Test
    void theInventoryDecidesWhenToAskAndWhereTheRecordsGo() throws Exception {
        Path audit = dir.resolve("audit/changes.jsonl");
        Path strict = inventory("strict.yaml", "defaults: {confirm_above: 0, change_file: " + audit + "}\n", "");

        Launcher.Result asked = run("apply", "--inventory", strict.toString(), "-H", "kafka-03");
        assertThat(asked.exit()).as(asked.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(asked.err()).contains("apply to 1 host (kafka, prod): confirm with --yes");

        Launcher.Result yes = run("apply", "--inventory", strict.toString(), "-H", "kafka-03", "--yes");
        assertThat(yes.exit()).as(yes.toString()).isZero();
        assertThat(controllerFile()).as("the inventory's change_file instead").doesNotExist();
        assertThat(Files.readAllLines(audit)).hasSize(2).allSatisfy(l -> JsonSchemas.validate("change-record", l));
        assertThat(history(strict).path("changes")).extracting(e -> e.path("status").asText()).containsExactly("changed");
    }

    @Test
    void theWholeInventoryIsConfirmedOnARealTerminal() throws Exception {
        Environment.requireTool("tmux");
        Map<String, String> before = queues("kafka-03");
        String apply = jts.shellCommand("apply", "--inventory", inventory.toString());
        try (Tmux tmux = Tmux.start("change-no", apply + "; echo \"EXIT=$?\"; sleep 60", 160, 40)) {
            tmux.await("the question", Duration.ofSeconds(60), s -> s.contains("apply to 2 hosts (prod, kafka)? [y/N]"));
            tmux.type("n");
            tmux.keys("Enter");
            String screen = tmux.await("the exit status", Duration.ofSeconds(60), s -> s.contains("EXIT="));
            assertThat(screen).contains("apply to 2 hosts (prod, kafka): not confirmed; nothing was changed")
                    .contains("EXIT=4");
        }
        assertThat(queues("kafka-03")).isEqualTo(before);

        try (Tmux tmux = Tmux.start("change-yes", apply + "; echo \"EXIT=$?\"; sleep 60", 160, 40)) {
            tmux.await("the question", Duration.ofSeconds(60), s -> s.contains("apply to 2 hosts (prod, kafka)? [y/N]"));
            tmux.type("y");
            tmux.keys("Enter");
            String screen = tmux.await("the exit status", Duration.ofSeconds(120), s -> s.contains("EXIT="));
            assertThat(screen).contains("EXIT=0").containsPattern("kafka-03 +ok=\\d+ +changed=1");
        }
        assertThat(queues("kafka-03")).isNotEqualTo(before);
        assertThat(history().path("changes")).extracting(e -> e.path("status").asText())
                .containsOnly("changed");
    }

    @Test
    void aDamagedLineOrAnUnreadableFileIsNamedAndSkipped() throws Exception {
        Launcher.Result apply = run("apply", "--inventory", inventory.toString(), "-H", "kafka-03", "--reason", "CHG-3");
        assertThat(apply.exit()).as(apply.toString()).isZero();
        Path file = controllerFile();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(1, "{\"format\":\"jts-fleet-change 1\",\"event\":\"int");
        Files.write(file, lines);
        Files.createDirectories(file.resolveSibling("changes.jsonl.1"));

        Launcher.Result text = run("history", "--inventory", inventory.toString());
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).containsPattern("kafka-03 +apply +changed");
        assertThat(text.err()).contains(file + ":2: not JSON at column ").contains(": skipped")
                .contains(file.resolveSibling("changes.jsonl.1") + ": cannot be read");

        JsonNode doc = history();
        assertThat(doc.path("changes")).hasSize(1);
        assertThat(doc.path("problems")).extracting(p -> p.path("file").asText() + ":" + p.path("line").asText())
                .containsExactlyInAnyOrder(file + ":2", file.resolveSibling("changes.jsonl.1") + ":null");
    }
}
