package jts.fleet.controller.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.cli.tree.CommandTree;
import picocli.CommandLine;

class CommandLineTextTest {
    @Test
    void wordsAreQuotedOnlyWhenAShellWouldNeedIt() {
        assertThat(CommandLineText.of(List.of("apply", "-H", "db-*", "--reason", "CHG-1 it's slow"), Set.of()))
                .isEqualTo("jts-fleet apply -H 'db-*' --reason 'CHG-1 it'\\''s slow'");
    }

    @Test
    void passwordsInUrlsAndSecretAssignmentsAreHidden() {
        assertThat(CommandLineText.of(List.of("apply", "--inventory", "https://ops:hunter2@inv.example/prod.yaml",
                "--reason", "token=abc123", "--label", "PGPASSWORD=s3cret", "--set", "scheduler=none"), Set.of()))
                .isEqualTo("jts-fleet apply --inventory 'https://ops:***@inv.example/prod.yaml' --reason 'token=***'"
                        + " --label 'PGPASSWORD=***' --set scheduler=none");
    }

    @Test
    void theValueOfASecretOptionIsHiddenInBothSpellings() {
        assertThat(CommandLineText.of(List.of("x", "--vault-password", "hunter2", "--api-token=abc", "--hosts", "db"),
                Set.of("--vault-password", "--api-token")))
                .isEqualTo("jts-fleet x --vault-password *** '--api-token=***' --hosts db");
    }

    @Test
    void noOptionOfJtsFleetIsTakenForASecretButPicocliInteractiveOnesWouldBe() {
        CommandLine tree = CommandTree.create(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), false);
        List<String> secret = new java.util.ArrayList<>();
        collect(tree, secret);
        assertThat(secret).as("options jts-fleet would hide").isEmpty();
        assertThat(CommandLineText.secretName("--passphrase")).isTrue();
        assertThat(CommandLineText.secretName("--accept-new-host-keys")).isFalse();
    }

    private static void collect(CommandLine cmd, List<String> secret) {
        for (CommandLine.Model.OptionSpec o : cmd.getCommandSpec().options()) {
            if (o.interactive() || java.util.Arrays.stream(o.names()).anyMatch(CommandLineText::secretName)) {
                secret.add(cmd.getCommandSpec().qualifiedName() + " " + o.longestName());
            }
        }
        cmd.getSubcommands().values().forEach(sub -> collect(sub, secret));
    }

    @Test
    void theParsedCommandLineIsRenderedFromWhatPicocliExpanded() {
        CommandLine tree = CommandTree.create(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()), false);
        CommandLine.ParseResult parsed = tree.parseArgs("apply", "-H", "db-01", "--dry-run");

        assertThat(CommandLineText.of(parsed)).isEqualTo("jts-fleet apply -H db-01 --dry-run");
    }
}
