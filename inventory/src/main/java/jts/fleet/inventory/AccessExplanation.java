package jts.fleet.inventory;

import java.util.List;
import java.util.Optional;

/**
 * How a host's connection settings were decided: each effective value with its origin, the name looked up in
 * ssh_config, and notes (ssh_config keywords ignored, values mapped to what jts-fleet supports).
 *
 * @param host       the inventory host
 * @param lookupName the name ssh_config was consulted for (what {@code ssh NAME} would be given)
 * @param sshConfig  which ssh_config files were read ({@code none} when none)
 * @param settings   the effective values, in a fixed order
 * @param notes      remarks, {@code file:line: ...} where they concern a line
 */
public record AccessExplanation(String host, String lookupName, String sshConfig, List<ExplainedSetting> settings,
                                List<String> notes) {
    public AccessExplanation {
        settings = List.copyOf(settings);
        notes = List.copyOf(notes);
    }

    public Optional<ExplainedSetting> setting(String name) {
        return settings.stream().filter(s -> s.setting().equals(name)).findFirst();
    }
}
