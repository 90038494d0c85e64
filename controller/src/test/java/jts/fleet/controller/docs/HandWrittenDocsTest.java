package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

/**
 * The hand-written guides keep their promises: the runbook has an entry for every symptom issue 8 lists, and no
 * relative link in docs/ or README.md points at a file that does not exist (generated pages get renamed).
 */
class HandWrittenDocsTest {
    private static final Path TOP = Path.of("..");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");

    @ParameterizedTest(name = "runbook entry: {0}")
    @ValueSource(strings = {
        "## Host key changed or unknown",
        "## REVOKED host key",
        "## Host certificate not accepted (expired, wrong principal, unknown CA)",
        "## Public key refused",
        "## ssh-agent unreachable",
        "## Key file needs a passphrase and there is no terminal",
        "## UNPROTECTED PRIVATE KEY FILE",
        "## Jump host refused or unreachable",
        "## sudo asks for a password",
        "## Host unreachable or slow",
        "## TRIM has no effect through LUKS, LVM or MD",
        "## Rules not applied at boot, or not applied to existing devices",
        "## tuned (or another tool) overwrites the settings",
        "## verify reports drift",
        "## Read-only sysfs in containers",
        "## %util at 100 % on NVMe",
        "## Benchmark numbers too good (page cache) or too bad (file layout)",
        "## NVMe health false alarms",
        "## The TRIM timer never ran",
    })
    void runbookCoversTheSymptom(String heading) throws IOException {
        String runbook = Files.readString(TOP.resolve("docs/TROUBLESHOOTING.md"));
        assertThat(runbook.lines()).as("docs/TROUBLESHOOTING.md headings").contains(heading);
        String entry = runbook.substring(runbook.indexOf(heading));
        int next = entry.indexOf("\n## ", heading.length());
        entry = next < 0 ? entry : entry.substring(0, next);
        assertThat(entry).as(heading + " has a check and a fix").contains("**Check").contains("**Fix");
    }

    private static final Pattern CODE = Pattern.compile("```[a-z]*\\n(.*?)```|`([^`\\n]+)`", Pattern.DOTALL);
    private static final Pattern COMMAND = Pattern.compile("(?<![\\w-])jts-fleet ([a-z][a-z-]*)(?=\\s|$)(?: ([a-z][a-z-]*)(?=\\s|$))?");
    private static final String NOT_WIRED = "Not yet registered in the CLI of this build:";

    /**
     * Every {@code jts-fleet COMMAND [SUBCOMMAND]} the guides show in code either exists in the command tree or is
     * listed in the runbook's "State of this build" line — and that line lists nothing that exists. So when a
     * command gets wired, this test says to shorten the list; when a guide names a command that does not exist, it
     * says so.
     */
    @Test
    void commandsShownInTheGuidesExistOrAreListedAsNotWiredYet() throws IOException {
        CommandLine tree = CommandPages.tree();
        Set<String> missing = new TreeSet<>();
        for (String guide : List.of("docs/PERFORMANCE_OPTIMIZATION.md", "docs/TROUBLESHOOTING.md", "docs/INSTALL.md")) {
            Matcher code = CODE.matcher(Files.readString(TOP.resolve(guide)));
            while (code.find()) {
                String text = code.group(1) != null ? code.group(1) : code.group(2);
                Matcher cmd = COMMAND.matcher(text);
                while (cmd.find()) {
                    CommandLine top = tree.getSubcommands().get(cmd.group(1));
                    if (top == null) {
                        missing.add(cmd.group(1));
                    } else if (cmd.group(2) != null && !top.getSubcommands().isEmpty()
                            && !top.getSubcommands().containsKey(cmd.group(2))) {
                        missing.add(cmd.group(1) + " " + cmd.group(2));
                    }
                }
            }
        }
        String runbook = Files.readString(TOP.resolve("docs/TROUBLESHOOTING.md"));
        String line = runbook.lines().filter(l -> l.startsWith(NOT_WIRED)).findFirst()
                .orElseThrow(() -> new AssertionError("docs/TROUBLESHOOTING.md has no line starting with " + NOT_WIRED));
        Set<String> listed = new TreeSet<>();
        Matcher item = Pattern.compile("`([^`]+)`").matcher(line);
        while (item.find()) {
            listed.add(item.group(1));
        }
        assertThat(listed).as("the '" + NOT_WIRED + "' line of docs/TROUBLESHOOTING.md vs the commands the guides "
                + "show that this build's command tree does not have").isEqualTo(missing);
    }

    @Test
    void relativeLinksResolve() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(TOP.resolve("README.md"));
        try (Stream<Path> docs = Files.list(TOP.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                if (!Files.exists(page.getParent().resolve(target))) {
                    broken.add(TOP.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links to missing files").isEmpty();
    }
}
