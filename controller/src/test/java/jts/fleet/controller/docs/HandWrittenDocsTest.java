package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
