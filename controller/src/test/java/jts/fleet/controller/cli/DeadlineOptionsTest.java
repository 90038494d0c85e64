package jts.fleet.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import jts.fleet.controller.fleet.RunSettings;
import jts.fleet.controller.transport.OutputLimits;
import jts.fleet.inventory.DurationParser;
import jts.fleet.inventory.SizeParser;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The deadline options' help names the built-in value after the inventory key ("default: the inventory's
 * connect_timeout, 10s"). picocli's ${DEFAULT-VALUE} cannot say it: the options have no picocli default (absent
 * means "fall back to the inventory"), so the text is written out; this test keeps it equal to the values the
 * settings use.
 */
class DeadlineOptionsTest {
    private static final Pattern SHOWN = Pattern.compile("default: the inventory's ([a-z_]+), ([0-9]+[a-z]+)");

    @Test
    void theHelpShowsTheBuiltInValuesTheSettingsUse() {
        Map<String, String> shown = new HashMap<>();
        for (OptionSpec option : CommandSpec.forAnnotatedObject(new DeadlineOptions()).options()) {
            Matcher m = SHOWN.matcher(String.join(" ", option.description()));
            assertThat(m.find()).as("%s: %s", option.longestName(), String.join(" ", option.description())).isTrue();
            shown.put(option.longestName(), m.group(2));
        }
        assertThat(shown).containsOnlyKeys("--connect-timeout", "--timeout", "--run-timeout", "--max-output",
                "--max-document");
        assertThat(DurationParser.parse(shown.get("--connect-timeout"))).isEqualTo(RunSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(DurationParser.parse(shown.get("--timeout"))).isEqualTo(RunSettings.DEFAULT_COMMAND_TIMEOUT);
        assertThat(DurationParser.parse(shown.get("--run-timeout"))).isEqualTo(RunSettings.DEFAULT_RUN_TIMEOUT);
        assertThat(SizeParser.parse(shown.get("--max-output"))).isEqualTo(OutputLimits.DEFAULT_READ_BYTES);
        assertThat(SizeParser.parse(shown.get("--max-document"))).isEqualTo(OutputLimits.DEFAULT_DOCUMENT_BYTES);
    }
}
