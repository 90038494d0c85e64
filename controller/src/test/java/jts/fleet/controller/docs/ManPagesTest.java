package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jts.fleet.inventory.testing.Golden;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * docs/man/*.adoc is generated from the real command tree by picocli-codegen; a stale committed copy (a changed
 * option, a new command, a removed one) fails here. Regenerate with
 * {@code mvn -o -pl controller -am test -Dtest=ManPagesTest -Djts.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ManPagesTest {
    /** Surefire runs in the module directory; docs live at the top of the checkout. */
    static final Path MAN_DIR = Path.of("..", "docs", "man");
    private static final String REGENERATE = "regenerate with mvn -o -pl controller -am test -Dtest=ManPagesTest "
            + "-Djts.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false";

    /** Page file name to text; a command whose page cannot be generated maps to null (see {@link #failures}). */
    private static Map<String, String> generated(List<String> failures) {
        Map<String, String> pages = new LinkedHashMap<>();
        for (CommandSpec spec : CommandPages.documented(CommandPages.withManHeaders(CommandPages.tree()))) {
            try {
                pages.put(CommandPages.pageName(spec) + ".adoc", ManPageSource.page(spec));
            } catch (IllegalStateException e) {
                // keep going: one broken help text must not keep every other page stale
                pages.put(CommandPages.pageName(spec) + ".adoc", null);
                failures.add(e.getMessage() + " (a lone % in a help text? see CommandPagesTest)");
            }
        }
        return pages;
    }

    private static Set<String> committed() throws IOException {
        if (!Files.isDirectory(MAN_DIR)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(MAN_DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".adoc"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void committedManPagesMatchTheCommandTree() throws IOException {
        List<String> failures = new ArrayList<>();
        Map<String, String> pages = generated(failures);
        if (Golden.updating()) {
            Files.createDirectories(MAN_DIR);
            for (String stale : committed()) {
                if (!pages.containsKey(stale)) {
                    Files.delete(MAN_DIR.resolve(stale));
                }
            }
            for (Map.Entry<String, String> page : pages.entrySet()) {
                if (page.getValue() != null) {
                    Files.writeString(MAN_DIR.resolve(page.getKey()), page.getValue());
                }
            }
        }
        assertThat(failures).as("man pages that picocli-codegen cannot generate").isEmpty();
        assertThat(committed()).as("docs/man/*.adoc vs the commands of CommandTree: " + REGENERATE)
                .containsExactlyInAnyOrderElementsOf(pages.keySet());
        for (Map.Entry<String, String> page : pages.entrySet()) {
            assertThat(Files.readString(MAN_DIR.resolve(page.getKey())))
                    .as("docs/man/" + page.getKey() + " is stale: " + REGENERATE)
                    .isEqualTo(page.getValue());
        }
    }

    /** Every page has the sections a man page reader looks for, and each command's own exit codes. */
    @Test
    void everyPageHasExitStatusExamplesFilesAndEnvironment() {
        Map<String, String> pages = generated(new ArrayList<>());
        for (Map.Entry<String, String> page : pages.entrySet()) {
            assertThat(page.getValue()).as(page.getKey()).contains("\n== Exit status\n", "\n== Examples\n",
                    "\n== Files\n", "\n== Environment\n", "XDG_DATA_HOME", "NO_COLOR");
        }
        assertThat(pages.get("jts-fleet-verify.adoc")).contains("*3*::\n  drift");
        assertThat(pages.get("jts-fleet-check.adoc")).contains("*3*::\n  UNKNOWN").doesNotContain("*10*::");
        assertThat(pages.get("jts-fleet-bench-compare.adoc")).contains("*5*::\n  a regression");
        assertThat(pages.get("jts-fleet-apply.adoc")).contains("*4*::\n  refused", "*10*::", "*11*::");
        assertThat(pages.get("jts-fleet-render-alerts.adoc")).doesNotContain("*10*::");
    }

    @Test
    void everyVisibleCommandAndOptionIsOnItsPage() {
        CommandLine root = CommandPages.tree();
        assertThat(CommandPages.documented(root)).extracting(CommandPages::pageName)
                .as("the top-level page and one page per top-level command")
                .contains("jts-fleet")
                .containsAll(root.getSubcommands().values().stream().distinct()
                        .filter(c -> !c.getCommandSpec().usageMessage().hidden())
                        .map(c -> CommandPages.pageName(c.getCommandSpec())).toList());
        for (CommandSpec spec : CommandPages.documented(root)) {
            String page;
            try {
                page = ManPageSource.page(spec);
            } catch (IllegalStateException e) {
                continue; // reported by committedManPagesMatchTheCommandTree
            }
            assertThat(page).as(spec.qualifiedName() + " page header").contains("= " + CommandPages.pageName(spec) + "(1)");
            spec.options().stream().filter(o -> !o.hidden()).forEach(o ->
                    assertThat(page).as(spec.qualifiedName() + " documents " + o.longestName())
                            .contains(o.longestName()));
        }
    }
}
