package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

class CommandPagesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Apply each tier's settings live, record the previous values on the host, push the | "
                + "Apply each tier's settings live, record the previous values on the host, push the",
        "Run TRIM now. Then report. | Run TRIM now",
        "Sizes like 1.5 GiB, e.g. 32m. Second sentence. | Sizes like 1.5 GiB, e.g. 32m",
        "Show each host (one exec per host). | Show each host (one exec per host)",
    })
    void firstSentenceEndsAtAFullStopBeforeAnUpperCaseWord(String text, String expected) {
        assertThat(CommandPages.firstSentence(text)).isEqualTo(expected);
    }

    @Test
    void manHeadersLeaveHelpOfTheRealTreeAlone() {
        CommandLine forMan = CommandPages.withManHeaders(CommandPages.tree());
        CommandLine real = CommandPages.tree();
        assertThat(forMan.getSubcommands().get("status").getCommandSpec().usageMessage().header()).hasSize(1);
        assertThat(real.getSubcommands().get("status").getCommandSpec().usageMessage().header()).isEmpty();
        assertThat(CommandPages.documented(real)).extracting(CommandPages::pageName)
                .startsWith("jts-fleet").contains("jts-fleet-status", "jts-fleet-inventory-list").doesNotHaveDuplicates();
    }
}
