package jts.fleet.controller.cli;

import java.time.Duration;

import jts.fleet.inventory.DurationParser;
import picocli.CommandLine;

/**
 * Durations such as {@code 500ms}, {@code 1s}, {@code 2m} everywhere in the CLI, by the inventory's rule
 * ({@link DurationParser}): a unit is always written, so {@code --timeout 10} and {@code --runtime 30} are both
 * refused with the same hint.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationParser.parse(value);
        } catch (IllegalArgumentException e) {
            String hint = value != null && value.strip().matches("[0-9]+")
                    ? " (did you mean " + value.strip() + "s?)" : "";
            throw new CommandLine.TypeConversionException(e.getMessage() + hint);
        }
    }
}
