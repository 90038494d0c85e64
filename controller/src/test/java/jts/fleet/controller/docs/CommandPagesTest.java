package jts.fleet.controller.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

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

    /**
     * picocli runs every description line through String.format: a lone '%' ("95% interval") makes --help print a
     * warning and the raw text, and makes the man-page generator throw. Named here so the fix is obvious.
     */
    @Test
    void everyHelpTextIsAValidFormatString() {
        List<String> broken = new ArrayList<>();
        for (CommandSpec spec : CommandPages.documented(CommandPages.tree())) {
            // the raw text, as picocli formats it: ${DEFAULT-VALUE} is filled in after formatting
            spec.interpolateVariables(false);
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
            texts.addAll(List.of(spec.usageMessage().header()));
            texts.addAll(List.of(spec.usageMessage().footer()));
            for (ArgSpec arg : spec.args()) {
                texts.addAll(List.of(arg.description()));
            }
            for (String text : texts) {
                try {
                    String.format(Locale.ROOT, text);
                } catch (IllegalFormatException e) {
                    broken.add(spec.qualifiedName() + ": \"" + text + "\" (" + e.getMessage() + "; write %% for a percent sign)");
                }
            }
        }
        assertThat(broken).as("help texts that are not valid format strings").isEmpty();
    }
}
