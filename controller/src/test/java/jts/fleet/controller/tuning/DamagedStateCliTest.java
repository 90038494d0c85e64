package jts.fleet.controller.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jts.fleet.controller.ExitCodes;
import jts.fleet.controller.cli.CliRun;

/**
 * A damaged state.json through the CLI, on a fixture host (local transport, sysroot): rollback restores nothing,
 * keeps the state and the rules file, fails the host with the values it could still read and the way back;
 * verify and rollback --dry-run say what is wrong instead of "internal error: IllegalArgumentException".
 */
class DamagedStateCliTest {
    @TempDir
    Path dir;
    Path root;
    Path inventory;
    Path state;

    @BeforeEach
    void appliedHost() throws Exception {
        root = SysrootHosts.build(dir.resolve("box"));
        inventory = Files.writeString(dir.resolve("inventory.yaml"), """
                defaults: {become: none}
                hosts:
                  box: {connection: local, sysroot: "%s"}
                policy:
                  tiers:
                    - name: fast
                      match: {classes: [nvme]}
                      queue: {scheduler: none, read_ahead_kb: 128}
                  maintenance:
                    blackout: []
                """.formatted(root));
        CliRun apply = CliRun.of("apply", "--inventory", inventory.toString());
        assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCodes.OK);
        state = root.resolve("var/lib/jts-fleet/state.json");
        assertThat(state).exists();
    }

    @Test
    void rollbackOfACutStateRestoresNothingAndSaysWhatItCouldRead() throws Exception {
        Map<String, String> tuned = SysrootHosts.contents(root.resolve("sys"));
        String whole = Files.readString(state);
        String cut = whole.lines().limit(7).map(l -> l + "\n").reduce("", String::concat);
        Files.writeString(state, cut);

        CliRun rollback = CliRun.of("rollback", "--inventory", inventory.toString());
        assertThat(rollback.exitCode()).as(rollback.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(rollback.err()).as(rollback.toString())
                .contains("box: command: box: " + state + " is damaged (ends after line 7 (cut short))")
                .contains("nothing was restored")
                .contains("recorded values it could read: nvme0n1 scheduler=mq-deadline")
                .contains("state.json.bak, written with it by the last apply, is intact: cp -p")
                .doesNotContain("internal error");
        assertThat(SysrootHosts.contents(root.resolve("sys"))).isEqualTo(tuned);
        assertThat(Files.readString(state)).isEqualTo(cut);
        assertThat(root.resolve("etc/udev/rules.d/60-jts-fleet.rules")).exists();
    }

    @Test
    void verifyAndDryRunNameTheDamageInsteadOfAnInternalError() throws Exception {
        Files.writeString(state, "garbage {\n");
        for (String[] command : new String[][] {{"verify"}, {"rollback", "--dry-run"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("--inventory", inventory.toString())).toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.HOST_FAILED);
            assertThat(run.err()).as(run.toString()).contains("state.json is damaged (not JSON")
                    .contains("apply and rollback leave the host alone until it is recovered")
                    .doesNotContain("internal error");
        }
        CliRun apply = CliRun.of("apply", "--inventory", inventory.toString());
        assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCodes.HOST_FAILED);
        assertThat(apply.err()).contains("is damaged").contains("nothing applied");
        // the Nagios check raises it too: a damaged state makes rollback impossible
        CliRun check = CliRun.of("check", "--inventory", inventory.toString(), "--gap", "100ms");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(2);
        assertThat(check.out()).contains("CRITICAL box: state.json is damaged (not JSON");
    }
}
