package jts.fleet.controller.cli;

import java.time.Duration;

import jts.fleet.inventory.DurationParser;

/**
 * Durations such as {@code 500ms}, {@code 1s}, {@code 2m} everywhere in the CLI, by the inventory's rule
 * ({@link DurationParser}): a unit is always written, so {@code --timeout 10} and {@code --runtime 30} are both
 * refused with the same hint.
 */
public final class DurationConverter extends ParsingConverter<Duration> {
    @Override
    Duration parse(String value) {
        return DurationParser.parse(value);
    }

    @Override
    String hint(String value) {
        return value != null && value.strip().matches("[0-9]+") ? " (did you mean " + value.strip() + "s?)" : "";
    }
}
